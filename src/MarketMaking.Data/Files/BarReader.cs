using System.Collections;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Files;

/// <summary>
/// A bar file read as OHLCV bars, oldest first. Each enumeration reads the file again and resets
/// <see cref="BadRows"/>.
/// </summary>
public abstract class BarReader : IEnumerable<Bar>
{
    protected BarReader(string path, BadRowPolicy onBadRow)
    {
        Path = path;
        OnBadRow = onBadRow;
    }

    public string Path { get; }

    public BadRowPolicy OnBadRow { get; }

    /// <summary>Rows skipped by the latest enumeration, per reason.</summary>
    public BadRowCounts BadRows { get; } = new();

    public abstract IEnumerator<Bar> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
