namespace MarketMaking.Trading.Journal;

/// <summary>
/// A position taken from the venue (--adopt-position) in run <paramref name="Run"/>: it replaces the
/// executions up to fill row <paramref name="LastFill"/>; <paramref name="Price"/> is the mid the session
/// opened it at (null in a journal written before it was kept, or when the session never decided).
/// </summary>
internal sealed record JournalAdoption(int Run, decimal Position, long LastFill, decimal? Price);
