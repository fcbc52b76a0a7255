namespace MarketMaking.Trading.Journal;

/// <summary>One start of the session on the journal: where and what it traded, and how it ended (null while running, or after a crash).</summary>
public sealed record JournalRun(int Run, long StartedAt, long? EndedAt, string Venue, string Symbol, string Strategy, string? FinalState)
{
    /// <summary>Why the run ended (<c>duration reached</c>, <c>kill switch: …</c>, <c>failed at start: …</c>); null without a clean end, or in a journal older than the reason.</summary>
    public string? EndReason { get; init; }

    /// <summary>The inventory limit the run's metrics counted time at (its time at the limit); +∞ for none, or in a journal older than it.</summary>
    public double InventoryLimit { get; init; } = double.PositiveInfinity;
}
