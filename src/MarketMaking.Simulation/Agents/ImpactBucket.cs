namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Market orders of sizes in [MinSize, MaxSize] lots: how many, their mean size and mean immediate
/// impact (ticks), and the standard error of that mean (NaN when not measured).
/// </summary>
public sealed record ImpactBucket(long MinSize, long MaxSize, long Orders, double MeanSize, double MeanImpact, double ImpactStandardError = double.NaN);
