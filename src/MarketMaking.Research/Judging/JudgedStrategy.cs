namespace MarketMaking.Research.Judging;

/// <summary>A strategy's afternoon, block by block; the afternoon's totals are the blocks' sums.</summary>
public sealed record JudgedStrategy(string Strategy, IReadOnlyList<BlockResult> Blocks)
{
    /// <summary>The afternoon's net PnL: each block's, summed.</summary>
    public double NetPnl => Blocks.Sum(b => b.NetPnl);

    /// <summary>The afternoon's PnL − ∫λq²dt: each block's, summed.</summary>
    public double RiskAdjustedPnl => Blocks.Sum(b => b.RiskAdjustedPnl);

    /// <summary>The afternoon's fills.</summary>
    public long Fills => Blocks.Sum(b => b.Fills);
}
