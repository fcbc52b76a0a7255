namespace MarketMaking.Simulation.Agents;

/// <summary>Market orders of sizes in [MinSize, MaxSize] lots: how many, their mean size and mean immediate impact (ticks).</summary>
public sealed record ImpactBucket(long MinSize, long MaxSize, long Orders, double MeanSize, double MeanImpact);
