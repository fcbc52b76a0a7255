using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Hedging;

/// <summary>A taker hedge on its way to the hedge venue.</summary>
internal readonly record struct PendingHedge(long DecidedAt, long ArrivesAt, Side Side, double Quantity, double MidAtDecision, double Beta, double BetaError, int Hedge);
