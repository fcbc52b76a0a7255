using MarketMaking.Core.Errors;
using MarketMaking.Signals.Statistics;

namespace MarketMaking.Signals.Calibration;

/// <summary>
/// Estimates σ of an arithmetic Brownian mid (the Avellaneda–Stoikov model) by realized variance
/// on a regular grid: the mid in force is sampled every Δ seconds from the first mid, and
/// σ̂² = Σ(ΔM)² / (nΔ) over the n increments (no drift removed). Under the model nσ̂²/σ² is χ²ₙ,
/// so ln σ̂ has standard error 1/√(2n); the 95% interval is σ̂·e^(±1.96/√(2n)). In the price unit
/// of the mids, per √second. O(1) per mid (a gap of many steps adds one non-zero increment).
/// </summary>
public sealed class MidVolatilityEstimator
{
    private readonly long _step;
    private bool _started;
    private double _current;
    private double _lastSample;
    private long _nextSample;
    private double _sumOfSquares;

    public MidVolatilityEstimator(TimeSpan samplingInterval)
    {
        InvalidParameterException.RequirePositive("sampling_interval", samplingInterval.TotalSeconds);
        SamplingInterval = samplingInterval;
        _step = samplingInterval.Ticks * TimeSpan.NanosecondsPerTick;
    }

    public TimeSpan SamplingInterval { get; }

    /// <summary>Sampled increments so far.</summary>
    public long Increments { get; private set; }

    /// <param name="time">ns; the mid holds until the next call.</param>
    /// <param name="mid">NaN (a side empty) is ignored.</param>
    public void OnMid(long time, double mid)
    {
        if (double.IsNaN(mid))
        {
            return;
        }

        if (!_started)
        {
            _started = true;
            _current = _lastSample = mid;
            _nextSample = time + _step;
            return;
        }

        // Grid points before this time saw the previous mid; a point exactly at it sees this one.
        if (time > _nextSample)
        {
            long points = ((time - _nextSample - 1) / _step) + 1;
            double change = _current - _lastSample;
            _sumOfSquares += change * change;
            Increments += points;
            _lastSample = _current;
            _nextSample += points * _step;
        }

        _current = mid;
    }

    /// <exception cref="InsufficientDataException">Fewer than two sampled increments.</exception>
    public ParameterEstimate Estimate()
    {
        if (Increments < 2)
        {
            throw new InsufficientDataException($"volatility: {Increments} sampled mid increments; need at least 2 (observe longer or sample more often)");
        }

        double sigma = Math.Sqrt(_sumOfSquares / (Increments * SamplingInterval.TotalSeconds));
        return ParameterEstimate.LogNormal(sigma, 1 / Math.Sqrt(2.0 * Increments));
    }
}
