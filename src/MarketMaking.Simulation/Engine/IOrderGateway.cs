using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Engine;

/// <summary>Where the order manager sends orders: a simulated exchange, or a live one.</summary>
public interface IOrderGateway
{
    /// <summary>Places a limit order; returns its id.</summary>
    long Submit(Side side, double price, double quantity);

    void Cancel(long orderId);

    /// <summary>Reduces the quantity of a resting order, keeping its place in the queue.</summary>
    void Reduce(long orderId, double newQuantity);
}
