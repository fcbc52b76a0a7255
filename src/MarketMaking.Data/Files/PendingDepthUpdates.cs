using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Binance depth updates held until a snapshot arrives to apply them to. Bounded: when full, the
/// older half is dropped (a snapshot taken later makes them obsolete anyway), so a file without
/// snapshots cannot make memory grow.
/// </summary>
internal sealed class PendingDepthUpdates
{
    private const int MaxMessages = 10_000;
    private const int MaxLevels = 1 << 20;

    private DepthHeader[] _headers = new DepthHeader[64];
    private PriceLevel[] _levels = new PriceLevel[4096];
    private int _levelCount;

    public int Count { get; private set; }

    public DepthHeader this[int index] => _headers[index];

    public ReadOnlySpan<PriceLevel> Levels(in DepthHeader header) => _levels.AsSpan(header.LevelStart, header.LevelCount);

    /// <summary>Holds an update; returns how many held updates were dropped to make room.</summary>
    public int Add(in DepthHeader header, ReadOnlySpan<PriceLevel> levels)
    {
        int dropped = 0;
        if (levels.Length > MaxLevels)
        {
            dropped = Count + 1;
            Clear();
            return dropped;
        }

        if (Count == MaxMessages || _levelCount + levels.Length > MaxLevels)
        {
            dropped = DropOldest(Math.Max(1, Count / 2));
            while (_levelCount + levels.Length > MaxLevels)
            {
                dropped += DropOldest(1);
            }
        }

        if (Count == _headers.Length)
        {
            Array.Resize(ref _headers, Count * 2);
        }

        if (_levelCount + levels.Length > _levels.Length)
        {
            Array.Resize(ref _levels, Math.Max(_levels.Length * 2, _levelCount + levels.Length));
        }

        levels.CopyTo(_levels.AsSpan(_levelCount));
        _headers[Count++] = header with { LevelStart = _levelCount, LevelCount = levels.Length };
        _levelCount += levels.Length;
        return dropped;
    }

    public void Clear()
    {
        Count = 0;
        _levelCount = 0;
    }

    private int DropOldest(int messages)
    {
        messages = Math.Min(messages, Count);
        int keptLevelStart = messages < Count ? _headers[messages].LevelStart : _levelCount;
        Array.Copy(_levels, keptLevelStart, _levels, 0, _levelCount - keptLevelStart);
        _levelCount -= keptLevelStart;
        for (int i = messages; i < Count; i++)
        {
            _headers[i - messages] = _headers[i] with { LevelStart = _headers[i].LevelStart - keptLevelStart };
        }

        Count -= messages;
        return messages;
    }
}
