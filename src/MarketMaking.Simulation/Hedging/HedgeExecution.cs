using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// One taker hedge on the hedge venue: what was asked, when it reached the venue, what it paid.
/// Its cost against the hedge mid at the decision splits exactly into the half spread at
/// execution, the depth walked past the touch (slippage) and the mid's move while the order
/// travelled (delay): s·(avg − m_decision)·Q = spread + slippage + delay, s = +1 buy, −1 sell.
/// </summary>
/// <param name="DecidedAt">Local time of the decision (ns).</param>
/// <param name="ExecutedAt">Receive time of the hedge venue's first message at or after arrival (ns).</param>
/// <param name="Side">Buy or sell on the hedge venue.</param>
/// <param name="Requested">Quantity asked (instrument units).</param>
/// <param name="Quantity">Quantity filled (less than asked only when the book ran out).</param>
/// <param name="AveragePrice">Volume-weighted price of the levels taken.</param>
/// <param name="Touch">Best opposite price when it arrived (ask for a buy, bid for a sell).</param>
/// <param name="MidAtDecision">The hedge venue's mid when the hedge was decided.</param>
/// <param name="MidAtExecution">The hedge venue's mid when it arrived.</param>
/// <param name="Fee">Taker fee paid.</param>
/// <param name="LevelsTaken">Book levels the order walked.</param>
/// <param name="Beta">Hedge ratio the decision used.</param>
/// <param name="BetaError">Standard error of that ratio (0 for a same-asset hedge).</param>
/// <param name="Hedge">Which hedge instrument (0 for the first).</param>
public readonly record struct HedgeExecution(
    long DecidedAt,
    long ExecutedAt,
    Side Side,
    double Requested,
    double Quantity,
    double AveragePrice,
    double Touch,
    double MidAtDecision,
    double MidAtExecution,
    double Fee,
    int LevelsTaken,
    double Beta,
    double BetaError,
    int Hedge = 0)
{
    private double Sign => Side == Side.Buy ? 1 : -1;

    /// <summary>Quantity signed: positive bought.</summary>
    public double SignedQuantity => Sign * Quantity;

    /// <summary>Half the spread crossed: s·(touch − mid at execution)·Q.</summary>
    public double SpreadCost => Sign * (Touch - MidAtExecution) * Quantity;

    /// <summary>Depth walked past the touch: s·(average − touch)·Q.</summary>
    public double SlippageCost => Sign * (AveragePrice - Touch) * Quantity;

    /// <summary>The mid's move against us while the order travelled: s·(mid at execution − mid at decision)·Q.</summary>
    public double DelayCost => Sign * (MidAtExecution - MidAtDecision) * Quantity;
}
