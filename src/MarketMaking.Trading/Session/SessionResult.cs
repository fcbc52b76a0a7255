using MarketMaking.Simulation.Engine;

namespace MarketMaking.Trading.Session;

/// <summary>
/// How a session ended, the engine's figures beside the venue's: every one of them should agree
/// (no order open, the same position and cash, every execution in the journal once).
/// </summary>
public sealed record SessionResult
{
    /// <summary>Our orders still open on the venue at the end (when the venue did not answer: those whose cancel was never confirmed).</summary>
    public required int OrdersOpenAtEnd { get; init; }

    /// <summary>The engine's position, from the executions it counted (journal included).</summary>
    public required decimal Position { get; init; }

    /// <summary>The venue's figures at the end; null when it did not answer within the shutdown timeout.</summary>
    public required decimal? VenuePosition { get; init; }

    /// <summary>The engine's cash: −Σ side·price·qty − fees over its executions.</summary>
    public required decimal Cash { get; init; }

    public required decimal? VenueCash { get; init; }

    /// <summary>
    /// The last mid the session saw, its position's mark (the run's table, the journal's final state and
    /// <c>mm journal … pnl</c> all use it); null when it saw none. Rounded to 15 significant digits, as the
    /// journal writes mids, so the binary round-off of ticks × tick size (100.19500000000001) is gone.
    /// </summary>
    public decimal? Mark { get; init; }

    /// <summary>What the positions adopted from the venue cost at their adoption prices (<see cref="Accounting.ExecutionBook.AdoptionCost"/>).</summary>
    public decimal AdoptionCost { get; init; }

    /// <summary>Cash − adoption cost + position × <see cref="Mark"/> over the journal's executions and adoptions (exactly, in decimals); null when a position has no mark.</summary>
    public decimal? NetPnl => Position == 0 ? Cash - AdoptionCost : Cash - AdoptionCost + (Position * Mark);

    /// <summary>Executions the engine counted (over every run of the journal).</summary>
    public required int Executions { get; init; }

    public required int? VenueExecutions { get; init; }

    /// <summary>Executions in the journal's table (each id once).</summary>
    public required int JournalExecutions { get; init; }

    /// <summary>Faults the session noticed and handled, by kind (disconnects, gaps, timeouts, refusals…).</summary>
    public required IReadOnlyDictionary<string, int> Faults { get; init; }

    public int FaultsSeen => Faults.Values.Sum();

    /// <summary>Why the kill switch stopped the session; null when it did not.</summary>
    public string? KillReason { get; init; }

    /// <summary>The strategy's run on the session's own ledger (metrics and series, as for a backtest).</summary>
    public required RunResult Run { get; init; }

    /// <summary>The journal the session wrote.</summary>
    public required string JournalPath { get; init; }

    /// <summary>The session's run number in its journal (1 for a new journal; a restart is the next).</summary>
    public int JournalRun { get; init; }

    /// <summary>Why the session ended, as its journal's run records it (<c>duration reached</c>, <c>stop requested (signal)</c>, <c>kill switch: …</c>).</summary>
    public required string EndReason { get; init; }

    /// <summary>
    /// True when a stop came while connecting or reconciling: nothing was traded, the venue was not
    /// asked for its figures (null), and <see cref="Run"/> is empty.
    /// </summary>
    public bool StoppedBeforeTrading { get; init; }
}
