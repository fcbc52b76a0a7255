namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// Both legs at one sampling point: positions, mids and each leg's equity (cash + position at its
/// mid, fees paid), from which block PnL and inventory risk are computed.
/// </summary>
/// <param name="Time">Local time (ns).</param>
/// <param name="QuotedPosition">q₁.</param>
/// <param name="HedgePosition">q₂ (executed hedges only).</param>
/// <param name="QuotedMid">P₁.</param>
/// <param name="HedgeMid">P₂.</param>
/// <param name="QuotedEquity">The quoted leg's PnL marked at P₁.</param>
/// <param name="HedgeEquity">The hedge leg's PnL marked at P₂.</param>
public readonly record struct HedgeSample(long Time, double QuotedPosition, double HedgePosition, double QuotedMid, double HedgeMid, double QuotedEquity, double HedgeEquity);
