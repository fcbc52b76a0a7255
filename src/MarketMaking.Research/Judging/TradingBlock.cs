namespace MarketMaking.Research.Judging;

/// <summary>One afternoon block: New York wall-clock [Start, End) and the same as UTC ns [From, To).</summary>
/// <param name="Index">Position in the afternoon, from 0.</param>
/// <param name="Start">New York time the block starts.</param>
/// <param name="End">New York time the block ends (excluded).</param>
/// <param name="From">UTC ns the block starts.</param>
/// <param name="To">UTC ns the block ends (excluded).</param>
public sealed record TradingBlock(int Index, TimeOnly Start, TimeOnly End, long From, long To)
{
    /// <summary>e.g. "12:00–12:30".</summary>
    public string Label => $"{Start:HH\\:mm}–{End:HH\\:mm}";
}
