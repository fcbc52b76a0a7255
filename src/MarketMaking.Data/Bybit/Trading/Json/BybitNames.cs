using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Bybit.Trading.Json;

/// <summary>Bybit's names of the values the hot-path writers spell out, as UTF-8 (docs/v5/enum.mdx).</summary>
internal static class BybitNames
{
    public static ReadOnlySpan<byte> Side(Side side) => side switch
    {
        Core.Orders.Side.Buy => "Buy"u8,
        Core.Orders.Side.Sell => "Sell"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "not a side"),
    };

    public static ReadOnlySpan<byte> OrderType(BybitOrderType type) => type switch
    {
        BybitOrderType.Market => "Market"u8,
        BybitOrderType.Limit => "Limit"u8,
        BybitOrderType.Unknown => "UNKNOWN"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an order type"),
    };

    public static ReadOnlySpan<byte> TimeInForce(BybitTimeInForce timeInForce) => timeInForce switch
    {
        BybitTimeInForce.GoodTillCancel => "GTC"u8,
        BybitTimeInForce.ImmediateOrCancel => "IOC"u8,
        BybitTimeInForce.FillOrKill => "FOK"u8,
        BybitTimeInForce.PostOnly => "PostOnly"u8,
        BybitTimeInForce.RetailPriceImprovement => "RPI"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(timeInForce), timeInForce, "not a time in force"),
    };

    public static string ExecType(BybitExecType type) => type == BybitExecType.Unknown ? "UNKNOWN" : type.ToString();
}
