using MarketMaking.Core.Risk;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// The portfolio limits of a hedged run (instrument 0 quoted, 1 hedge), asked by the quoted leg's
/// risk gate about each order: the quoted position if the order and its side's open orders filled,
/// with the hedge position and both mids as last marked, must stay within
/// <see cref="PortfolioRiskLimits"/>; an order toward a flat quoted position always passes. σ_t of
/// each instrument is an <see cref="EwmaVolatility"/> of the mids the hedger samples, so each limit
/// is base × min(1, σ_ref/σ_t) at that moment.
/// </summary>
public sealed class HedgePortfolioLimits : IPortfolioCheck
{
    private readonly EwmaVolatility[] _volatility;
    private readonly double[] _positions = new double[2];
    private readonly double[] _mids = new double[2];
    private readonly double[] _sigmas = [double.NaN, double.NaN];

    public HedgePortfolioLimits(PortfolioRiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Instruments.Count == 0)
        {
            limits = limits with { Instruments = [new InstrumentExposureLimit(double.PositiveInfinity), new InstrumentExposureLimit(double.PositiveInfinity)] };
        }

        if (limits.Instruments.Count != 2)
        {
            throw new ArgumentException("a hedged run's limits name two instruments: quoted, then hedge", nameof(limits));
        }

        Limits = limits.Validate();
        _volatility = [new EwmaVolatility(limits.VolatilityHalfLife), new EwmaVolatility(limits.VolatilityHalfLife)];
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

    /// <summary>Both mids sampled at <paramref name="time"/> (ns): one return each for σ_t.</summary>
    public void Observe(long time, double quotedMid, double hedgeMid)
    {
        _volatility[0].Update(time, quotedMid);
        _volatility[1].Update(time, hedgeMid);
        _sigmas[0] = _volatility[0].Value;
        _sigmas[1] = _volatility[1].Value;
        SmallestScale = Math.Min(SmallestScale, Math.Min(Limits.Scale(0, _sigmas[0]), Limits.Scale(1, _sigmas[1])));
    }

    /// <summary>Both legs as they stand.</summary>
    public void Mark(double quotedPosition, double quotedMid, double hedgePosition, double hedgeMid)
    {
        _positions[0] = quotedPosition;
        _positions[1] = hedgePosition;
        _mids[0] = double.IsFinite(quotedMid) ? quotedMid : _mids[0];
        _mids[1] = double.IsFinite(hedgeMid) ? hedgeMid : _mids[1];
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
