namespace MarketMaking.Trading.Orders;

/// <summary>Questions about an <see cref="OrderState"/>.</summary>
public static class OrderStates
{
    /// <summary>Filled, cancelled or rejected: nothing more can happen to the order.</summary>
    public static bool IsFinal(this OrderState state) => state is OrderState.Filled or OrderState.Cancelled or OrderState.Rejected;

    /// <summary>The state <see cref="Name"/> wrote (unknown text: <see cref="OrderState.Unknown"/>).</summary>
    public static OrderState Parse(string name) => name switch
    {
        "PendingNew" => OrderState.PendingNew,
        "New" => OrderState.New,
        "PartiallyFilled" => OrderState.PartiallyFilled,
        "PendingCancel" => OrderState.PendingCancel,
        "Filled" => OrderState.Filled,
        "Cancelled" => OrderState.Cancelled,
        "Rejected" => OrderState.Rejected,
        _ => OrderState.Unknown,
    };

    /// <summary>Bybit's spelling of the state (<c>PendingNew</c>, <c>PartiallyFilled</c>…), as the journal stores it.</summary>
    public static string Name(this OrderState state) => state switch
    {
        OrderState.PendingNew => "PendingNew",
        OrderState.New => "New",
        OrderState.PartiallyFilled => "PartiallyFilled",
        OrderState.PendingCancel => "PendingCancel",
        OrderState.Filled => "Filled",
        OrderState.Cancelled => "Cancelled",
        OrderState.Rejected => "Rejected",
        _ => "Unknown",
    };
}
