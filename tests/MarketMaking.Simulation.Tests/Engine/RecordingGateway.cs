using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Simulation.Tests.Engine;

/// <summary>An order gateway that records what it was asked to do.</summary>
internal sealed class RecordingGateway : IOrderGateway
{
    private long _nextId = 1;

    public List<string> Actions { get; } = [];

    public long Submit(Side side, double price, double quantity)
    {
        long id = _nextId++;
        Actions.Add(FormattableString.Invariant($"new {id} {side} {quantity}@{price}"));
        return id;
    }

    public void Cancel(long orderId) => Actions.Add($"cancel {orderId}");

    public void Reduce(long orderId, double newQuantity) => Actions.Add(FormattableString.Invariant($"reduce {orderId} to {newQuantity}"));
}
