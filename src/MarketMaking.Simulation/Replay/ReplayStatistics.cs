namespace MarketMaking.Simulation.Replay;

/// <summary>What a replay went through; <paramref name="ClockShift"/>: ns added to receive times to put them on the exchange's clock (<see cref="ReplayMarket.ClockShift"/>).</summary>
public sealed record ReplayStatistics(long Events, long Batches, long OrdersRejectedAsCrossing, long FillsThroughTradedPrice, long FillsByQueue, long FillsByBookCrossing, long TapeLotsRemoved = 0, long ClockShift = 0);
