namespace MarketMaking.Simulation.Replay;

/// <summary>What a replay went through.</summary>
public sealed record ReplayStatistics(long Events, long Batches, long OrdersRejectedAsCrossing, long FillsThroughTradedPrice, long FillsByQueue, long FillsByBookCrossing, long TapeLotsRemoved = 0);
