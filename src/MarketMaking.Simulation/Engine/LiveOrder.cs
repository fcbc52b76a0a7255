namespace MarketMaking.Simulation.Engine;

/// <summary>One of our orders as the order manager last knew it.</summary>
/// <param name="Submitted">Market time the order was sent (for the maximum order age).</param>
public readonly record struct LiveOrder(long Id, double Price, double Quantity, double Submitted = 0);
