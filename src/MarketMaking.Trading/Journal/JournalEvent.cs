namespace MarketMaking.Trading.Journal;

/// <summary>One line of the audit trail: what happened, when (local and exchange time, ns), to which order.</summary>
public sealed record JournalEvent(long Id, int Run, long LocalTime, long ExchangeTime, string Kind, string? LinkId, string Detail);
