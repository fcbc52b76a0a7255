namespace MarketMaking.Core.MarketData;

/// <summary>Markers on a <see cref="MarketEvent"/>.</summary>
[Flags]
public enum EventMarkers : byte
{
    None = 0,

    /// <summary>The last event of one exchange message: the book is consistent after it (strategies decide only here).</summary>
    EndOfBatch = 1,

    /// <summary>Part of a snapshot rather than an incremental update.</summary>
    Snapshot = 2,
}
