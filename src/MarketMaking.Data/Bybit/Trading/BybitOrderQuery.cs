namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// GET /v5/order/realtime parameters (docs/v5/order/open-order.mdx): open orders of a symbol (or
/// settle coin), one order by id, or with <see cref="OpenOnly"/> = 1 the recent closed ones.
/// </summary>
public sealed record BybitOrderQuery(string Category, string? Symbol = null)
{
    public string? BaseCoin { get; init; }

    public string? SettleCoin { get; init; }

    public string? OrderId { get; init; }

    public string? OrderLinkId { get; init; }

    /// <summary>0 (default): open orders; 1: recent closed ones.</summary>
    public int? OpenOnly { get; init; }

    public string? OrderFilter { get; init; }

    /// <summary>Page size, 1 to 50 (Bybit's default 20).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}
