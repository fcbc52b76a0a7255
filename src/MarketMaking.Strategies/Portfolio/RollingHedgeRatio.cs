using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>
/// β of an instrument's returns on a hedge instrument's returns, by least squares over the last
/// <see cref="Window"/> paired returns (x: the hedge's return, y: the instrument's), with its standard
/// error √(s²/Σ(x−x̄)²), s² = Σ residual²/(n−2). The hedge of a position q is −β·q (in return terms;
/// a caller converts to units with the prices). O(1) per update: running sums over a ring of pairs.
/// </summary>
public sealed class RollingHedgeRatio
{
    private readonly double[] _x;
    private readonly double[] _y;
    private int _next;
    private double _sx, _sy, _sxx, _sxy, _syy;

    public RollingHedgeRatio(int window)
    {
        if (window < 3)
        {
            throw new InvalidParameterException("hedge_window", $"must be at least 3 returns for a slope and its standard error, got {window}");
        }

        _x = new double[window];
        _y = new double[window];
    }

    public int Window => _x.Length;

    /// <summary>Pairs held (at most <see cref="Window"/>).</summary>
    public int Count { get; private set; }

    /// <summary>β; NaN before three pairs or when the hedge's returns do not vary.</summary>
    public double Beta
    {
        get
        {
            double sxx = Sxx;
            return Count < 3 || sxx <= 0 ? double.NaN : Sxy / sxx;
        }
    }

    /// <summary>The standard error of β; NaN where β is.</summary>
    public double StandardError
    {
        get
        {
            double sxx = Sxx;
            if (Count < 3 || sxx <= 0)
            {
                return double.NaN;
            }

            double beta = Sxy / sxx;
            double residual = Math.Max(0, Syy - (beta * Sxy));
            return Math.Sqrt(residual / (Count - 2) / sxx);
        }
    }

    /// <summary>Correlation of the held returns; NaN where undefined.</summary>
    public double Correlation => Count < 3 || Sxx <= 0 || Syy <= 0 ? double.NaN : Sxy / Math.Sqrt(Sxx * Syy);

    private double Sxx => _sxx - (_sx * _sx / Count);

    private double Syy => _syy - (_sy * _sy / Count);

    private double Sxy => _sxy - (_sx * _sy / Count);

    /// <summary>Adds one pair of same-period returns (hedge, instrument); the oldest leaves a full window.</summary>
    public void Add(double hedgeReturn, double instrumentReturn)
    {
        if (!double.IsFinite(hedgeReturn) || !double.IsFinite(instrumentReturn))
        {
            return;
        }

        if (Count == _x.Length)
        {
            double oldX = _x[_next], oldY = _y[_next];
            _sx -= oldX;
            _sy -= oldY;
            _sxx -= oldX * oldX;
            _sxy -= oldX * oldY;
            _syy -= oldY * oldY;
        }
        else
        {
            Count++;
        }

        _x[_next] = hedgeReturn;
        _y[_next] = instrumentReturn;
        _sx += hedgeReturn;
        _sy += instrumentReturn;
        _sxx += hedgeReturn * hedgeReturn;
        _sxy += hedgeReturn * instrumentReturn;
        _syy += instrumentReturn * instrumentReturn;
        _next = (_next + 1) % _x.Length;
    }
}
