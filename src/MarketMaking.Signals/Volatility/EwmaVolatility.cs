using MarketMaking.Core.Errors;

namespace MarketMaking.Signals.Volatility;

/// <summary>
/// Exponentially weighted volatility of log returns per √second, on any clock: each return r over
/// Δt seconds enters as the variance rate r²/Δt with weight 1 − λ, λ = 2^(−Δt/h), so an observation
/// loses half its weight every half-life h whatever the sampling. It needs no starting value: the
/// first return sets the variance, each later one blends in. Returns over zero time wait for the
/// next distinct time stamp (measured from the earlier mid).
/// </summary>
public sealed class EwmaVolatility
{
    private readonly double _halfLifeNs;
    private long _previousTime;
    private double _previousMid = double.NaN;

    /// <param name="halfLife">h: the age at which a return's weight has halved.</param>
    public EwmaVolatility(TimeSpan halfLife)
    {
        _halfLifeNs = InvalidParameterException.RequirePositive("volatility-half-life", halfLife.TotalSeconds) * 1e9;
    }

    /// <summary>Variance of log returns per second; NaN before the first return.</summary>
    public double Variance { get; private set; } = double.NaN;

    /// <summary>σ of log returns per √s; NaN before the first return.</summary>
    public double Value => Math.Sqrt(Variance);

    /// <summary>Returns seen.</summary>
    public long Count { get; private set; }

    /// <param name="time">Time of the mid (ns).</param>
    /// <param name="mid">The mid; not positive or NaN (a side empty) is skipped.</param>
    public void Update(long time, double mid)
    {
        if (!(mid > 0))
        {
            return;
        }

        if (double.IsNaN(_previousMid))
        {
            (_previousTime, _previousMid) = (time, mid);
            return;
        }

        long elapsed = time - _previousTime;
        if (elapsed <= 0)
        {
            return;
        }

        double r = Math.Log(mid / _previousMid);
        double rate = r * r * 1e9 / elapsed;
        double keep = Math.Pow(2, -elapsed / _halfLifeNs);
        Variance = Count++ == 0 ? rate : (keep * Variance) + ((1 - keep) * rate);
        (_previousTime, _previousMid) = (time, mid);
    }
}
