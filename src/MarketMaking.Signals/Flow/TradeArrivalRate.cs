using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Flow;

/// <summary>
/// Trades per second over a sliding time window (exact count, ring buffer), by exchange time.
/// Every event, not only trades, moves the window forward, so the rate decays in a quiet market.
/// </summary>
public sealed class TradeArrivalRate : ISignal
{
    private readonly TimeWindow _window;

    public TradeArrivalRate(TimeSpan window)
    {
        InvalidParameterException.RequirePositive("window", window.TotalSeconds);
        _window = new TimeWindow(window);
    }

    /// <summary>Trades in the window.</summary>
    public int Trades => _window.Count;

    public double Value => _window.Count / _window.Seconds;

    public bool IsReady => _window.IsFull;

    public void Update(in MarketEvent e)
    {
        if (e.Kind == MarketEventKind.Trade)
        {
            _window.Add(e.ExchangeTime, 1);
        }
        else
        {
            _window.Advance(e.ExchangeTime);
        }
    }

    /// <summary>Moves the window to <paramref name="time"/> (ns) without an event.</summary>
    public void Advance(long time) => _window.Advance(time);
}
