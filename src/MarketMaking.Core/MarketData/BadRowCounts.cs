namespace MarketMaking.Core.MarketData;

/// <summary>
/// How many rows a reader skipped, per <see cref="BadRowReason"/> (--on-bad-row skip); shown in a
/// run's report so a result built on a partly bad file says so.
/// </summary>
public sealed class BadRowCounts
{
    private readonly long[] _counts = new long[Enum.GetValues<BadRowReason>().Length];

    public long this[BadRowReason reason] => _counts[(int)reason];

    public long Total => _counts.Sum();

    /// <summary>The reasons with at least one skipped row, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<BadRowReason, long>> NonZero =>
        [.. Enum.GetValues<BadRowReason>().Where(r => _counts[(int)r] > 0).Select(r => KeyValuePair.Create(r, _counts[(int)r]))];

    public void Add(BadRowReason reason) => _counts[(int)reason]++;

    public void Clear() => Array.Clear(_counts);

    public override string ToString() =>
        Total == 0 ? "no bad rows" : string.Join(", ", NonZero.Select(p => $"{p.Key}: {p.Value}"));
}
