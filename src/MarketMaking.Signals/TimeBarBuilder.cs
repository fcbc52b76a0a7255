using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Signals;

/// <summary>
/// Aggregates trades into time bars aligned on multiples of the interval (exchange time). Any
/// event, not only a trade, closes the open bar once its time is past the bar's end, so bars are
/// not held back by a quiet market. Intervals without trades produce no bar. Prices stay in the
/// events' ticks: the range estimators and VPIN need only ratios and standardized changes.
/// </summary>
public sealed class TimeBarBuilder
{
    private readonly long _interval;
    private bool _open;
    private long _start;
    private double _openPrice;
    private double _high;
    private double _low;
    private double _close;
    private double _volume;

    public TimeBarBuilder(TimeSpan interval)
    {
        InvalidParameterException.RequirePositive("bar_interval", interval.TotalSeconds);
        _interval = interval.Ticks * TimeSpan.NanosecondsPerTick;
    }

    /// <summary>Feeds an event; returns true and the bar when the event closes the open bar.</summary>
    public bool Update(in MarketEvent e, out Bar completed)
    {
        long start = e.ExchangeTime - (((e.ExchangeTime % _interval) + _interval) % _interval);
        completed = default;
        bool closed = _open && start > _start && Flush(out completed);

        if (e.Kind != MarketEventKind.Trade)
        {
            return closed;
        }

        if (!_open)
        {
            _open = true;
            _start = start;
            _openPrice = _high = _low = e.Price;
            _volume = 0;
        }

        _high = Math.Max(_high, e.Price);
        _low = Math.Min(_low, e.Price);
        _close = e.Price;
        _volume += e.Size;
        return closed;
    }

    /// <summary>Closes the open bar (end of data); false when no bar is open.</summary>
    public bool Flush(out Bar completed)
    {
        if (!_open)
        {
            completed = default;
            return false;
        }

        completed = new Bar(_start, _openPrice, _high, _low, _close, _volume);
        _open = false;
        return true;
    }
}
