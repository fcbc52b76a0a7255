namespace MarketMaking.Data.Files;

/// <summary>
/// What a <see cref="DbnMboReader"/> found rebuilding the book from a DBN MBO file and checking it
/// against the file's own trades: <c>mm verify-book --format dbn-mbo</c> prints it.
/// </summary>
public sealed class DbnStatistics
{
    /// <summary>MBO records read (snapshot included).</summary>
    public long Records { get; internal set; }

    /// <summary>Orders added by the start-of-session snapshot (records flagged F_SNAPSHOT).</summary>
    public long SnapshotOrders { get; internal set; }

    /// <summary>Book clears: R records, and the start of each snapshot not preceded by one.</summary>
    public long Clears { get; internal set; }

    /// <summary>Trade records (action T).</summary>
    public long Trades { get; internal set; }

    /// <summary>Trades at a price the rebuilt book held on the resting side (either side when the file gives none) when the trade came.</summary>
    public long TradesMatched { get; internal set; }

    /// <summary>Fill records (action F) of resting orders (the aggressor's own fill excluded).</summary>
    public long Fills { get; internal set; }

    /// <summary>Fills naming an order the rebuilt book held.</summary>
    public long FillsMatched { get; internal set; }

    /// <summary>Fills larger than the order's displayed size (iceberg volume): the excess trades without leaving the visible book.</summary>
    public long HiddenFillLots { get; internal set; }

    /// <summary>Cancels and modifies naming an order the book did not hold (and no fill had just taken).</summary>
    public long UnknownOrders { get; internal set; }

    /// <summary>TradesMatched / Trades; NaN before the first trade.</summary>
    public double MatchedShare => Trades == 0 ? double.NaN : (double)TradesMatched / Trades;
}
