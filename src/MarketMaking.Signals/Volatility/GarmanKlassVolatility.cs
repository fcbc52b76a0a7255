using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Volatility;

/// <summary>
/// Garman–Klass (1980) volatility over the last N bars: per bar
/// σ² = ½·ln(H/L)² − (2 ln 2 − 1)·ln(C/O)², averaged over the bars; the value is √ of the mean,
/// a log-return volatility per √bar (divide by √(bar length in s) for per √second).
/// </summary>
public sealed class GarmanKlassVolatility : ISignal
{
    private static readonly double CloseWeight = (2 * Math.Log(2)) - 1;
    private readonly RollingWindow _window;

    public GarmanKlassVolatility(int bars = 20)
    {
        _window = new RollingWindow(BarValidation.RequireBars(bars));
    }

    public double Value => _window.Count == 0 ? double.NaN : Math.Sqrt(Math.Max(0, _window.Mean));

    public bool IsReady => _window.IsFull;

    public void Update(in Bar bar)
    {
        BarValidation.RequirePositivePrices(bar);
        double range = Math.Log(bar.High / bar.Low);
        double body = Math.Log(bar.Close / bar.Open);
        _window.Add((0.5 * range * range) - (CloseWeight * body * body));
    }
}
