using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Volatility;

/// <summary>
/// Parkinson (1980) range volatility over the last N bars: per bar σ² = ln(H/L)² / (4 ln 2),
/// averaged; the value is √ of the mean, a log-return volatility per √bar.
/// </summary>
public sealed class ParkinsonVolatility : ISignal
{
    private static readonly double Scale = 1 / (4 * Math.Log(2));
    private readonly RollingWindow _window;

    public ParkinsonVolatility(int bars = 20)
    {
        _window = new RollingWindow(BarValidation.RequireBars(bars));
    }

    public double Value => _window.Count == 0 ? double.NaN : Math.Sqrt(_window.Mean);

    public bool IsReady => _window.IsFull;

    public void Update(in Bar bar)
    {
        BarValidation.RequirePositivePrices(bar);
        double range = Math.Log(bar.High / bar.Low);
        _window.Add(Scale * range * range);
    }
}
