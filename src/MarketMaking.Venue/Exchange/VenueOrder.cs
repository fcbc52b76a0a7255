using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Exchange;

/// <summary>A client's order as the venue keeps it: Bybit's fields, sizes in lots, prices in ticks and as given.</summary>
internal sealed class VenueOrder
{
    public required string OrderId { get; init; }

    public required string OrderLinkId { get; init; }

    /// <summary>The account's order number (every instrument's orders, oldest first).</summary>
    public long Number { get; init; }

    public required Side Side { get; init; }

    public required BybitOrderType Type { get; init; }

    public required BybitTimeInForce TimeInForce { get; init; }

    /// <summary>Limit price in ticks (a market order: its protection limit once known, else 0).</summary>
    public long PriceTicks { get; set; }

    /// <summary>Total quantity in lots (amends change it).</summary>
    public long QtyLots { get; set; }

    public long FilledLots { get; set; }

    /// <summary>Σ price × quantity of the fills, exact.</summary>
    public decimal CumValue { get; set; }

    public decimal CumFee { get; set; }

    public decimal ClosedPnl { get; set; }

    public BybitOrderStatus Status { get; set; } = BybitOrderStatus.New;

    public BybitCancelType CancelType { get; set; } = BybitCancelType.Unknown;

    public BybitRejectReason RejectReason { get; set; } = BybitRejectReason.NoError;

    public bool ReduceOnly { get; init; }

    public decimal LastPriceOnCreated { get; init; }

    public long CreatedTime { get; init; }

    public long UpdatedTime { get; set; }

    /// <summary>The market's id while the order is in the market (0 before and after).</summary>
    public long MarketId { get; set; }

    public bool IsOpen => Status is BybitOrderStatus.New or BybitOrderStatus.PartiallyFilled;

    public long LeavesLots => IsOpen ? QtyLots - FilledLots : 0;
}
