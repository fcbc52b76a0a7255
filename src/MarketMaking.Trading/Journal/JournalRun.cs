namespace MarketMaking.Trading.Journal;

/// <summary>One start of the session on the journal: where and what it traded, and how it ended (null while running, or after a crash).</summary>
public sealed record JournalRun(int Run, long StartedAt, long? EndedAt, string Venue, string Symbol, string Strategy, string? FinalState);
