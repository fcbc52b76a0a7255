namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// Both legs at one sampling point: positions, mids and each leg's equity (cash + position at its
/// mid, fees paid), from which block PnL and inventory risk are computed.
/// </summary>
/// <param name="Time">Local time (ns).</param>
/// <param name="QuotedPosition">q₁.</param>
/// <param name="HedgePosition">q₂ of the first hedge (executed hedges only).</param>
/// <param name="QuotedMid">P₁.</param>
/// <param name="HedgeMid">P₂ of the first hedge.</param>
/// <param name="QuotedEquity">The quoted leg's PnL marked at P₁.</param>
/// <param name="HedgeEquity">The hedge legs' PnL, each marked at its mid.</param>
/// <param name="HedgeMove">Σ_j q_j·(P_j − P_j before) over the period since the previous sample, q_j held at that sample: the hedges' inventory PnL.</param>
/// <param name="HedgeAbsExposure">Σ_j |q_j·P_j|.</param>
public readonly record struct HedgeSample(long Time, double QuotedPosition, double HedgePosition, double QuotedMid, double HedgeMid, double QuotedEquity, double HedgeEquity, double HedgeMove = 0, double HedgeAbsExposure = 0);
