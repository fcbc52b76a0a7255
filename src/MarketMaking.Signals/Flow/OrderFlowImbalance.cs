using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Flow;

/// <summary>
/// Order-flow imbalance (Cont, Kukanov and Stoikov 2014, "The price impact of order book
/// events"): for consecutive best quotes, e_n = 1{Pb_n ≥ Pb_{n−1}}·qb_n − 1{Pb_n ≤ Pb_{n−1}}·qb_{n−1}
/// − 1{Pa_n ≤ Pa_{n−1}}·qa_n + 1{Pa_n ≥ Pa_{n−1}}·qa_{n−1}, summed over a sliding time window
/// (exact, ring buffer), in lots. Positive: net buying pressure at the touch. Call
/// <see cref="Update"/> on consistent books (end of batch).
/// </summary>
public sealed class OrderFlowImbalance : ISignal
{
    private readonly TimeWindow _window;
    private BookLevel _previousBid;
    private BookLevel _previousAsk;
    private bool _hasPrevious;

    public OrderFlowImbalance(TimeSpan window)
    {
        InvalidParameterException.RequirePositive("window", window.TotalSeconds);
        _window = new TimeWindow(window);
    }

    /// <summary>Σ e_n over the window, in lots.</summary>
    public double Value => _window.Sum;

    public bool IsReady => _window.IsFull;

    /// <param name="time">Time of the book state (ns); use one clock for every update.</param>
    public void Update(long time, IOrderBookView book)
    {
        BookLevel bid = book.Best(Side.Buy);
        BookLevel ask = book.Best(Side.Sell);
        long e = _hasPrevious ? Contribution(_previousBid, _previousAsk, bid, ask) : 0;
        if (e != 0)
        {
            _window.Add(time, e);
        }
        else
        {
            _window.Advance(time);
        }

        _previousBid = bid;
        _previousAsk = ask;
        _hasPrevious = true;
    }

    /// <summary>
    /// e_n between two best quotes. An empty bid counts as price −∞ and an empty ask as +∞ (size
    /// 0), so a side that empties removes its whole previous queue and one that refills adds its new one.
    /// </summary>
    public static long Contribution(BookLevel previousBid, BookLevel previousAsk, BookLevel bid, BookLevel ask)
    {
        long pbOld = previousBid.IsEmpty ? long.MinValue : previousBid.Price;
        long pb = bid.IsEmpty ? long.MinValue : bid.Price;
        long paOld = previousAsk.IsEmpty ? long.MaxValue : previousAsk.Price;
        long pa = ask.IsEmpty ? long.MaxValue : ask.Price;
        long e = 0;
        if (pb >= pbOld)
        {
            e += bid.Size;
        }

        if (pb <= pbOld)
        {
            e -= previousBid.Size;
        }

        if (pa <= paOld)
        {
            e -= ask.Size;
        }

        if (pa >= paOld)
        {
            e += previousAsk.Size;
        }

        return e;
    }
}
