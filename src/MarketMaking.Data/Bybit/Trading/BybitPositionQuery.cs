namespace MarketMaking.Data.Bybit.Trading;

/// <summary>GET /v5/position/list parameters (docs/v5/position/position.mdx): a symbol (answered even when flat) or a settle coin.</summary>
public sealed record BybitPositionQuery(string Category, string? Symbol = null)
{
    public string? BaseCoin { get; init; }

    public string? SettleCoin { get; init; }

    /// <summary>Page size, 1 to 200 (Bybit's default 20).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}
