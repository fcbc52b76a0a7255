using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Book;

/// <summary>
/// Rate of change of the touch queues over a sliding time window, in lots per second: the size
/// changes of the best bid and best ask while their prices stay the same, summed over the window
/// (exact, ring buffer) and divided by its length. When the best price moves the new level is a
/// different queue, so that update contributes nothing. <see cref="Value"/> = bid rate − ask
/// rate: positive when the bid queue builds (or the ask queue depletes) faster, i.e. buy pressure.
/// </summary>
public sealed class QueuePressure : ISignal
{
    private readonly TimeWindow _bid;
    private readonly TimeWindow _ask;
    private BookLevel _previousBid;
    private BookLevel _previousAsk;

    public QueuePressure(TimeSpan window)
    {
        InvalidParameterException.RequirePositive("window", window.TotalSeconds);
        _bid = new TimeWindow(window);
        _ask = new TimeWindow(window);
    }

    /// <summary>Net change of the best bid's size per second over the window.</summary>
    public double BidRate => _bid.Sum / _bid.Seconds;

    /// <summary>Net change of the best ask's size per second over the window.</summary>
    public double AskRate => _ask.Sum / _ask.Seconds;

    public double Value => BidRate - AskRate;

    public bool IsReady => _bid.IsFull;

    /// <param name="time">Time of the book state (ns); use one clock for every update.</param>
    public void Update(long time, IOrderBookView book)
    {
        BookLevel bid = book.Best(Side.Buy);
        BookLevel ask = book.Best(Side.Sell);
        Record(_bid, time, _previousBid, bid);
        Record(_ask, time, _previousAsk, ask);
        _previousBid = bid;
        _previousAsk = ask;
    }

    private static void Record(TimeWindow window, long time, BookLevel previous, BookLevel current)
    {
        long change = !previous.IsEmpty && !current.IsEmpty && previous.Price == current.Price ? current.Size - previous.Size : 0;
        if (change != 0)
        {
            window.Add(time, change);
        }
        else
        {
            window.Advance(time);
        }
    }
}
