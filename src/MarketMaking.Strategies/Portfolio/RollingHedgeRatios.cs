using MarketMaking.Core.Errors;
using MarketMaking.Signals.Statistics;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>
/// The β vector of an instrument's returns on several hedges' returns, by least squares with an
/// intercept over the last <see cref="Window"/> periods: β = S_xx⁻¹·S_xy from the centred sums, with
/// standard errors √(s²·(S_xx⁻¹)_jj), s² = Σ residual²/(n − K − 1); with one hedge, the slope
/// S_xy/S_xx and √(s²/S_xx). The hedge of a position q in hedge j
/// is −β_j·q in return terms. Running sums over a ring of periods; a K×K solve per update.
/// </summary>
public sealed class RollingHedgeRatios
{
    private readonly int _hedges;
    private readonly double[][] _x;
    private readonly double[] _y;
    private readonly double[] _sx;
    private readonly double[,] _sxx;
    private readonly double[] _sxy;
    private readonly double[] _beta;
    private readonly double[] _error;
    private readonly double[,] _a; // scratch of the solve: centred S_xx, then destroyed
    private readonly double[,] _b; // scratch: [S_xy | I], then [β | S_xx⁻¹]
    private double _sy, _syy;
    private int _next;

    public RollingHedgeRatios(int hedges, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hedges, 1);
        if (window < hedges + 2)
        {
            throw new InvalidParameterException("hedge_window", $"must be at least {hedges + 2} returns for {hedges} slopes and their standard errors, got {window}");
        }

        _hedges = hedges;
        _x = [.. Enumerable.Range(0, window).Select(_ => new double[hedges])];
        _y = new double[window];
        _sx = new double[hedges];
        _sxx = new double[hedges, hedges];
        _sxy = new double[hedges];
        _beta = [.. Enumerable.Repeat(double.NaN, hedges)];
        _error = [.. Enumerable.Repeat(double.NaN, hedges)];
        _a = new double[hedges, hedges];
        _b = new double[hedges, hedges + 1];
    }

    public int Window => _y.Length;

    public int Hedges => _hedges;

    /// <summary>Periods held (at most <see cref="Window"/>).</summary>
    public int Count { get; private set; }

    /// <summary>β_j; NaN before K + 2 periods or while the hedges' returns are collinear.</summary>
    public double Beta(int hedge) => _beta[hedge];

    /// <summary>The standard error of β_j; NaN where β_j is.</summary>
    public double StandardError(int hedge) => _error[hedge];

    /// <summary>Adds one period: each hedge's return and the instrument's; the oldest leaves a full window.</summary>
    public void Add(ReadOnlySpan<double> hedgeReturns, double instrumentReturn)
    {
        if (hedgeReturns.Length != _hedges)
        {
            throw new ArgumentException($"expected {_hedges} hedge returns", nameof(hedgeReturns));
        }

        foreach (double r in hedgeReturns)
        {
            if (!double.IsFinite(r))
            {
                return;
            }
        }

        if (!double.IsFinite(instrumentReturn))
        {
            return;
        }

        if (Count == Window)
        {
            Accumulate(_x[_next], _y[_next], -1);
        }
        else
        {
            Count++;
        }

        hedgeReturns.CopyTo(_x[_next]);
        _y[_next] = instrumentReturn;
        Accumulate(_x[_next], instrumentReturn, 1);
        _next = (_next + 1) % Window;
        Solve();
    }

    private void Accumulate(double[] x, double y, double sign)
    {
        _sy += sign * y;
        _syy += sign * y * y;
        for (int i = 0; i < _hedges; i++)
        {
            _sx[i] += sign * x[i];
            _sxy[i] += sign * x[i] * y;
            for (int j = 0; j < _hedges; j++)
            {
                _sxx[i, j] += sign * x[i] * x[j];
            }
        }
    }

    /// <summary>β and its standard errors from the centred sums (once per added period, not per event).</summary>
    private void Solve()
    {
        Array.Fill(_beta, double.NaN);
        Array.Fill(_error, double.NaN);
        int n = Count, k = _hedges;
        if (n < k + 2)
        {
            return;
        }

        double[,] a = _a, b = _b;
        Array.Clear(b);
        for (int i = 0; i < k; i++)
        {
            b[i, 0] = _sxy[i] - (_sx[i] * _sy / n);
            b[i, i + 1] = 1;
            for (int j = 0; j < k; j++)
            {
                a[i, j] = _sxx[i, j] - (_sx[i] * _sx[j] / n);
            }
        }

        if (!DenseLinearSolver.TrySolve(a, b))
        {
            return;
        }

        double residual = _syy - (_sy * _sy / n);
        for (int i = 0; i < k; i++)
        {
            residual -= b[i, 0] * (_sxy[i] - (_sx[i] * _sy / n));
        }

        double s2 = Math.Max(0, residual) / (n - k - 1);
        for (int i = 0; i < k; i++)
        {
            _beta[i] = b[i, 0];
            _error[i] = Math.Sqrt(s2 * b[i, i + 1]);
        }
    }
}
