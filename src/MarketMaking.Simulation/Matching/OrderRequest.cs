using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// A new order in ticks and lots. <paramref name="Id"/> is chosen by the caller and must not be in
/// use by a resting order; <paramref name="Time"/> (nanoseconds) is reported and kept on the order,
/// while queue priority follows arrival order at the engine.
/// </summary>
public readonly record struct OrderRequest(long Id, int Owner, Side Side, OrderType Type, long Price, long Size, long Time)
{
    public static OrderRequest Limit(long id, int owner, Side side, long price, long size, long time = 0) =>
        new(id, owner, side, OrderType.Limit, price, size, time);

    /// <summary>A market order; it has no price.</summary>
    public static OrderRequest Market(long id, int owner, Side side, long size, long time = 0) =>
        new(id, owner, side, OrderType.Market, 0, size, time);
}
