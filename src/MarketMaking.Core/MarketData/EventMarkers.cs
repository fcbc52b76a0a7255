namespace MarketMaking.Core.MarketData;

/// <summary>Markers on a <see cref="MarketEvent"/>.</summary>
[Flags]
public enum EventMarkers : byte
{
    None = 0,

    /// <summary>The last event of one exchange message: the book is consistent after it (strategies decide only here).</summary>
    EndOfBatch = 1,

    /// <summary>
    /// Part of a snapshot rather than an incremental update. On a BookLevel of an L3 source it marks
    /// a level taken from the source's own book (one the order events cannot rebuild, e.g. a level
    /// entering LOBSTER's window from below); the other BookLevels of an L3 stream only echo its order events.
    /// </summary>
    Snapshot = 2,
}
