using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Venue.Markets;

/// <summary>
/// The market behind the local venue, in ticks and lots: it advances on the venue's clock, takes its
/// clients' orders and reports what became of them, step by step, to its <see cref="Sink"/>. Used
/// from one thread (the venue's market thread).
/// </summary>
public interface IVenueMarket
{
    /// <summary>Price grid (a decimal: prices go on the wire exactly).</summary>
    decimal TickSize { get; }

    /// <summary>Quantity grid.</summary>
    decimal LotSize { get; }

    /// <summary>Market time, seconds.</summary>
    double Time { get; }

    /// <summary>The public book (L2), read on the market thread only.</summary>
    IOrderBookView Book { get; }

    /// <summary>The last trade price, ticks.</summary>
    long LastTradeTicks { get; }

    /// <summary>
    /// Open interest, one side (the sum of every participant's long position), lots; null when the
    /// market cannot know it (a replay: no recording the venue reads carries it).
    /// </summary>
    long? OpenInterestLots { get; }

    /// <summary>Where the step events go.</summary>
    IVenueMarketSink? Sink { get; set; }

    /// <summary>Runs the market up to <paramref name="time"/> (seconds); the past does nothing.</summary>
    void AdvanceTo(double time);

    /// <summary>Enters a client's order now; its events reach the sink before this returns. Returns its market id.</summary>
    long Submit(Side side, OrderType type, long price, long size);

    /// <summary>Cancels a client's resting order now (a Done or Rejected event follows).</summary>
    void Cancel(long orderId);

    /// <summary>Changes a client's resting order's price and remaining size now (an Amended or Rejected event follows).</summary>
    void Amend(long orderId, long price, long size);
}
