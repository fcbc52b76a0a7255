namespace MarketMaking.Research.Hedging;

/// <summary>
/// One hedge instrument's leg: its PnL marked at its last mid, split exactly into inventory PnL
/// Σ s·Q·(P_end − P at decision) minus the spread, slippage, delay costs and fees of its hedges.
/// </summary>
public sealed record HedgeLegSummary
{
    /// <summary>The hedge instrument.</summary>
    public required string Symbol { get; init; }

    /// <summary>Net PnL (taker fees included), marked at the last mid.</summary>
    public double Pnl { get; init; }

    /// <summary>Position at the end.</summary>
    public double FinalPosition { get; init; }

    /// <summary>Σ s·Q·(P_end − P at decision).</summary>
    public double InventoryPnl { get; init; }

    /// <summary>Half spreads crossed.</summary>
    public double SpreadCost { get; init; }

    /// <summary>Depth walked past the touch.</summary>
    public double SlippageCost { get; init; }

    /// <summary>The mid's move while hedges travelled.</summary>
    public double DelayCost { get; init; }

    /// <summary>Taker fees.</summary>
    public double Fees { get; init; }

    /// <summary>Hedges executed on this instrument.</summary>
    public int Hedges { get; init; }

    /// <summary>Median β_j of its hedges (NaN with none).</summary>
    public double BetaMedian { get; init; }
}
