namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// The answer to create, amend and cancel (and each entry of cancel-all): the order's ids. It says
/// the request was accepted, not what became of the order: that comes on the <c>order</c> stream.
/// </summary>
public sealed record BybitOrderAck
{
    public string OrderId { get; init; } = "";

    public string OrderLinkId { get; init; } = "";
}
