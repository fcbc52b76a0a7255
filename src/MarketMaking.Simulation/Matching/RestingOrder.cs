using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// A resting order as the book holds it: its remaining size and the time it last took its place in
/// the queue (its arrival, or the amend that sent it to the back).
/// </summary>
public readonly record struct RestingOrder(long Id, int Owner, Side Side, long Price, long Remaining, long Time, bool PostOnly);
