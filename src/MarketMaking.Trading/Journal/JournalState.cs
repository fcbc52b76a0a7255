using MarketMaking.Trading.Accounting;

namespace MarketMaking.Trading.Journal;

/// <summary>What a journal held when it was opened: the link-id prefix and reservation, the runs, and every execution (as position and cash).</summary>
public sealed class JournalState
{
    internal JournalState(string? prefix, long reserved, IReadOnlyList<JournalRun> runs, IReadOnlyList<JournalFill> fills, IReadOnlyList<JournalOrder> openOrders)
    {
        LinkPrefix = prefix;
        LinkReserved = reserved;
        Runs = runs;
        Fills = fills;
        OpenOrders = openOrders;
        foreach (JournalFill fill in fills)
        {
            Book.Apply(fill.ExecutionId, fill.Side, fill.Price, fill.Quantity, fill.Fee, fill.ExchangeTime);
        }
    }

    /// <summary>The session's orderLinkId prefix; null for a new journal.</summary>
    public string? LinkPrefix { get; }

    /// <summary>Every link-id counter below this may have been used.</summary>
    public long LinkReserved { get; }

    public IReadOnlyList<JournalRun> Runs { get; }

    public IReadOnlyList<JournalFill> Fills { get; }

    /// <summary>
    /// The highest counter among the journal's orders with <see cref="LinkPrefix"/> (−1: none). Rows are
    /// committed in the order their ids were taken, so an id of this prefix with a higher counter,
    /// below <see cref="LinkReserved"/>, was sent by an earlier run after its last commit (a crash) or never.
    /// </summary>
    public long LastLinkCounter { get; init; } = -1;

    /// <summary>Local time (ns) of the last event the journal holds (0: none): the last commit before a crash was no earlier.</summary>
    public long LastWrittenAt { get; init; }

    /// <summary>
    /// The other sessions' orders an earlier run took over (--adopt-orders), with the venue's time of
    /// the adoption: their executions after it are this journal's, those before it are not.
    /// </summary>
    public IReadOnlyDictionary<string, long> AdoptedOrders { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Orders the journal last saw open (a crashed run's orders may still rest on the venue).</summary>
    public IReadOnlyList<JournalOrder> OpenOrders { get; }

    /// <summary>The position last adopted from the venue (--adopt-position), before the executions after it; null when none was.</summary>
    public decimal? AdoptedPosition { get; init; }

    /// <summary>
    /// What the adoptions the journal can price in no way (it holds neither a mid nor an execution) changed
    /// the position by: left out of the PnL, which counts what is priced (0: none).
    /// </summary>
    public decimal UnpricedAdoption { get; internal set; }

    /// <summary>What mm journal … pnl, … report and the dashboard say of <see cref="UnpricedAdoption"/>; null when there is none.</summary>
    public string? UnpricedAdoptionText =>
        UnpricedAdoption == 0 ? null : $"an adopted position of {UnpricedAdoption} is unpriced (the journal holds neither a mid nor an execution): left out of the PnL";

    /// <summary>Cash from every journaled execution; the position from the last adoption and the executions after it (from all of them when none).</summary>
    public ExecutionBook Book { get; } = new();
}
