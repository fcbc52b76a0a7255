namespace MarketMaking.Research.MultiAsset;

/// <summary>One quoting rule's results on the multi-asset model market, over all trajectories.</summary>
/// <param name="Strategy">portfolio or glft (independent one-asset makers).</param>
/// <param name="MeanPnl">Mean PnL marked to the mids at the horizon.</param>
/// <param name="StdPnl">Standard deviation of that PnL.</param>
/// <param name="MeanUtility">Mean of PnL − (γ/2)·∫ qᵀΣq dt.</param>
/// <param name="MeanInventoryRisk">Mean of ∫ qᵀΣq dt.</param>
/// <param name="MeanFills">Mean number of fills over all assets.</param>
/// <param name="MeanMaxAbsInventory">Mean of the largest |q_i| in order sizes.</param>
public sealed record MultiAssetRow(string Strategy, double MeanPnl, double StdPnl, double MeanUtility, double MeanInventoryRisk, double MeanFills, double MeanMaxAbsInventory);
