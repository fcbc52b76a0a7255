namespace MarketMaking.Trading.Journal;

/// <summary>
/// A position taken from the venue (--adopt-position) in run <paramref name="Run"/> at local time
/// <paramref name="LocalTime"/>: it replaces the executions up to fill row <paramref name="LastFill"/>;
/// <paramref name="Price"/> is the mid the session opened it at (null in a journal written before it was
/// kept, or when the session never decided).
/// </summary>
public sealed record JournalAdoption(int Run, long LocalTime, decimal Position, long LastFill, decimal? Price);
