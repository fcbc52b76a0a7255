using MarketMaking.Core.Errors;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Volatility;

/// <summary>
/// Rolling realized volatility of the mid per √second: √(Σ r² / W), the sum of squared mid moves
/// (no mean removed) over a sliding time window of W seconds (exact, ring buffer). Moves are
/// price changes in ticks by default (σ in ticks/√s, the unit of the quoting models) or log
/// returns. Sampling every update includes microstructure noise; sample on a coarser clock to avoid it.
/// </summary>
public sealed class RealizedVolatility : ISignal
{
    private readonly TimeWindow _window;
    private double _previousMid = double.NaN;

    public RealizedVolatility(TimeSpan window, ReturnMeasure measure = ReturnMeasure.PriceChange)
    {
        InvalidParameterException.RequirePositive("window", window.TotalSeconds);
        _window = new TimeWindow(window);
        Measure = measure;
    }

    public ReturnMeasure Measure { get; }

    /// <summary>Realized variance per second over the window.</summary>
    public double Variance => Math.Max(0, _window.Sum) / _window.Seconds;

    public double Value => Math.Sqrt(Variance);

    public bool IsReady => _window.IsFull;

    /// <param name="time">Time of the mid (ns).</param>
    /// <param name="mid">The mid; NaN (a side empty) is skipped.</param>
    public void Update(long time, double mid)
    {
        if (double.IsNaN(mid))
        {
            return;
        }

        if (!double.IsNaN(_previousMid) && mid != _previousMid)
        {
            double r = Measure == ReturnMeasure.LogReturn ? Math.Log(mid / _previousMid) : mid - _previousMid;
            _window.Add(time, r * r);
        }
        else
        {
            _window.Advance(time);
        }

        _previousMid = mid;
    }
}
