namespace MarketMaking.Core.MarketData;

/// <summary>
/// An event source that can leave out the level echoes of an order-by-order stream: the
/// <see cref="MarketEventKind.BookLevel"/> after each order event (the level it leaves, for L2
/// readers). A reader that rebuilds the levels from the orders itself (the L3 replay) asks for
/// that, and then reads about half the events of a LOBSTER day.
/// </summary>
public interface ILevelEchoSource
{
    /// <summary>
    /// Set before the first read: a BookLevel not marked <see cref="EventMarkers.Snapshot"/> that
    /// follows an order event (add, cancel, delete, modify) or a trade with the same exchange and
    /// local time, within one batch, is left out, and its end-of-batch marker goes to the event before
    /// it. One that follows an execution stays: it tells an L3 reader that no trade echo follows.
    /// </summary>
    bool OmitLevelEchoes { get; set; }

    /// <summary>Events left out so far.</summary>
    long OmittedEvents { get; }
}
