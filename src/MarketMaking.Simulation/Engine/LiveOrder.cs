namespace MarketMaking.Simulation.Engine;

/// <summary>One of our orders as the order manager last knew it.</summary>
public readonly record struct LiveOrder(long Id, double Price, double Quantity);
