using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Flow;

/// <summary>
/// Mean trade size in lots over a sliding time window (exact, ring buffer), by exchange time; NaN
/// when the window holds no trade. Every event moves the window forward.
/// </summary>
public sealed class AverageTradeSize : ISignal
{
    private readonly TimeWindow _window;

    public AverageTradeSize(TimeSpan window)
    {
        InvalidParameterException.RequirePositive("window", window.TotalSeconds);
        _window = new TimeWindow(window);
    }

    /// <summary>Traded volume in the window, in lots.</summary>
    public double Volume => _window.Sum;

    public double Value => _window.Count == 0 ? double.NaN : _window.Sum / _window.Count;

    public bool IsReady => _window.IsFull && _window.Count > 0;

    public void Update(in MarketEvent e)
    {
        if (e.Kind == MarketEventKind.Trade)
        {
            _window.Add(e.ExchangeTime, e.Size);
        }
        else
        {
            _window.Advance(e.ExchangeTime);
        }
    }

    /// <summary>Moves the window to <paramref name="time"/> (ns) without an event.</summary>
    public void Advance(long time) => _window.Advance(time);
}
