namespace MarketMaking.Strategies.Vectorization;

/// <summary>
/// A strategy whose quotes depend only on time left, mid and inventory, linearly in inventory
/// (Avellaneda–Stoikov, its symmetric benchmark, GLFT closed form). The vectorized market
/// computes the coefficients once per step and applies them to every trajectory.
/// </summary>
public interface ILinearInventoryQuoting
{
    /// <summary>Coefficients for a decision with <paramref name="timeLeft"/> to the horizon.</summary>
    LinearQuote CoefficientsAt(double timeLeft);

    /// <summary>Quantity of each quote.</summary>
    double OrderQuantity { get; }

    /// <summary>
    /// Q in order-size multiples: at q ≥ Q the bid is not quoted, at q ≤ −Q the ask; +∞ when unbounded.
    /// </summary>
    double MaxInventory { get; }
}
