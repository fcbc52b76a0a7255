namespace MarketMaking.Simulation.MultiAsset;

/// <summary>
/// Per-trajectory results of one quoting rule on the multi-asset model market: the PnL marked to the
/// mids at the horizon, the inventory risk ∫ qᵀΣq dt, the mean–variance utility PnL − (γ/2)·∫ qᵀΣq dt
/// (the objective the closed-form quotes approximate), fills, and the largest absolute inventory of
/// any asset in order sizes.
/// </summary>
public sealed record MultiAssetOutcomes(string Strategy, double[] Pnl, double[] InventoryRisk, double[] Utility, double[] Fills, double[] MaxAbsInventory);
