namespace MarketMaking.Strategies.Vectorization;

/// <summary>
/// A strategy whose depths are read from a table indexed by time step and inventory
/// (exact GLFT, Cartea–Jaimungal). The vectorized market reads the same table.
/// </summary>
public interface IInventoryTableQuoting
{
    InventoryDepthTable Table { get; }

    /// <summary>Quantity of each quote; inventory is counted in multiples of it.</summary>
    double OrderQuantity { get; }
}
