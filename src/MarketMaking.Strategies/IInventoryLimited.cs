namespace MarketMaking.Strategies;

/// <summary>
/// A strategy with an inventory limit of its own (max_inventory): at |inventory| ≥
/// <see cref="InventoryLimit"/> it stops quoting the side that would grow the position. The run's
/// "time at limit" counts the smaller of this and the risk gate's position limit.
/// </summary>
public interface IInventoryLimited
{
    /// <summary>The limit in instrument units (max_inventory × order size); +∞ when there is none.</summary>
    double InventoryLimit { get; }

    /// <summary>The inventory limit of <paramref name="strategy"/>; +∞ for a strategy without one.</summary>
    static double Of(IQuotingStrategy strategy) => strategy is IInventoryLimited limited ? limited.InventoryLimit : double.PositiveInfinity;
}
