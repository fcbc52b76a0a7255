using MarketMaking.Core.Risk;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// The portfolio limits of a hedged run (instrument 0 quoted, 1… the hedges), asked by the quoted
/// leg's risk gate about each order: the quoted position if the order and its side's open orders
/// filled, with every hedge position and every mid as last marked, must stay within
/// <see cref="PortfolioRiskLimits"/> (the net exposure and the gross notional count every leg); an
/// order toward a flat quoted position always passes. σ_t of each instrument is an
/// <see cref="EwmaVolatility"/> of the mids the hedger samples, so each limit is base × min(1, σ_ref/σ_t)
/// at that moment.
/// </summary>
public sealed class HedgePortfolioLimits : IPortfolioCheck
{
    private readonly EwmaVolatility[] _volatility;
    private readonly double[] _positions;
    private readonly double[] _mids;
    private readonly double[] _sigmas;

    /// <param name="limits">Limits naming every instrument (quoted, then each hedge), or none (each unlimited).</param>
    /// <param name="hedges">How many hedge instruments the run has.</param>
    public HedgePortfolioLimits(PortfolioRiskLimits limits, int hedges = 1)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(hedges, 1);
        int count = hedges + 1;
        if (limits.Instruments.Count == 0)
        {
            limits = limits with { Instruments = [.. Enumerable.Repeat(new InstrumentExposureLimit(double.PositiveInfinity), count)] };
        }

        if (limits.Instruments.Count != count)
        {
            throw new ArgumentException($"a hedged run's limits name {count} instruments: quoted, then each hedge", nameof(limits));
        }

        Limits = limits.Validate();
        _volatility = [.. Enumerable.Range(0, count).Select(_ => new EwmaVolatility(limits.VolatilityHalfLife))];
        _positions = new double[count];
        _mids = new double[count];
        _sigmas = [.. Enumerable.Repeat(double.NaN, count)];
    }

    public PortfolioRiskLimits Limits { get; }

    /// <summary>Orders refused.</summary>
    public long Refusals { get; private set; }

    /// <summary>The smallest factor min(1, σ_ref/σ_t) the portfolio's limits had.</summary>
    public double SmallestScale { get; private set; } = 1;

    /// <summary>σ_t of an instrument (log returns per √s); NaN before its first return.</summary>
    public double Volatility(int instrument) => _sigmas[instrument];

    /// <summary>An instrument's limit on |q·P| now: base × min(1, σ_ref/σ_t).</summary>
    public double InstrumentLimit(int instrument) => Limits.Instruments[instrument].MaxExposure * Limits.Scale(instrument, _sigmas[instrument]);

    /// <summary>The quoted and the one hedge mid sampled at <paramref name="time"/> (ns): one return each for σ_t.</summary>
    public void Observe(long time, double quotedMid, double hedgeMid) => Observe(time, quotedMid, [hedgeMid]);

    /// <summary>Every mid sampled at <paramref name="time"/> (ns), the hedges' in order: one return each for σ_t.</summary>
    public void Observe(long time, double quotedMid, ReadOnlySpan<double> hedgeMids)
    {
        for (int i = 0; i < _sigmas.Length; i++)
        {
            _volatility[i].Update(time, i == 0 ? quotedMid : hedgeMids[i - 1]);
            _sigmas[i] = _volatility[i].Value;
            SmallestScale = Math.Min(SmallestScale, Limits.Scale(i, _sigmas[i]));
        }
    }

    /// <summary>Both legs of a one-hedge run as they stand.</summary>
    public void Mark(double quotedPosition, double quotedMid, double hedgePosition, double hedgeMid) =>
        Mark(quotedPosition, quotedMid, [hedgePosition], [hedgeMid]);

    /// <summary>Every leg as it stands, the hedges' in order (a mid that is not a number keeps the last one).</summary>
    public void Mark(double quotedPosition, double quotedMid, ReadOnlySpan<double> hedgePositions, ReadOnlySpan<double> hedgeMids)
    {
        for (int i = 0; i < _positions.Length; i++)
        {
            (double position, double mid) = i == 0 ? (quotedPosition, quotedMid) : (hedgePositions[i - 1], hedgeMids[i - 1]);
            _positions[i] = position;
            _mids[i] = double.IsFinite(mid) ? mid : _mids[i];
        }
    }

    public bool Allows(double position, double worstCase, double mid)
    {
        if (Math.Abs(worstCase) <= Math.Abs(position))
        {
            return true;
        }

        (double held, double mark) = (_positions[0], _mids[0]);
        (_positions[0], _mids[0]) = (worstCase, mid);
        bool allowed = Limits.Check(_positions, _mids, _sigmas).Breach == PortfolioBreach.None;
        (_positions[0], _mids[0]) = (held, mark);
        Refusals += allowed ? 0 : 1;
        return allowed;
    }
}
