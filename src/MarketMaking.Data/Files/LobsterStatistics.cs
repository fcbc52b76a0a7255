namespace MarketMaking.Data.Files;

/// <summary>
/// What a <see cref="LobsterReader"/> found checking its rebuilt book against LOBSTER's order-book
/// rows: <c>mm verify-book --format lobster</c> prints it.
/// </summary>
public sealed class LobsterStatistics
{
    /// <summary>Order-book rows compared with the rebuilt book (one per message).</summary>
    public long Rows { get; internal set; }

    /// <summary>Rows on which every level the book could know (from the row before and the message) equalled the row.</summary>
    public long RowsMatched { get; internal set; }

    /// <summary>Levels the book could know that differed from their row (each a bad row).</summary>
    public long Mismatches { get; internal set; }

    /// <summary>Levels taken from the rows: the first row, and levels entering the file's window from below.</summary>
    public long LevelsFromFile { get; internal set; }

    /// <summary>Messages naming an order the messages never added (resting before the file, or added below its window).</summary>
    public long UnknownOrders { get; internal set; }

    /// <summary>Shares that messages removed but neither their order nor the level's unnamed volume held.</summary>
    public long MissingLots { get; internal set; }

    /// <summary>Executions of hidden orders (type 5): trades that leave the visible book as it is.</summary>
    public long HiddenExecutions { get; internal set; }

    /// <summary>Hidden executions between two ticks (midpoint orders), rounded to the next tick away from the aggressor.</summary>
    public long SubTickExecutions { get; internal set; }

    /// <summary>Cross trades (type 6).</summary>
    public long CrossTrades { get; internal set; }

    /// <summary>Trading halt, quoting and resume messages (type 7).</summary>
    public long Halts { get; internal set; }

    /// <summary>RowsMatched / Rows; NaN before the first row.</summary>
    public double MatchedShare => Rows == 0 ? double.NaN : (double)RowsMatched / Rows;
}
