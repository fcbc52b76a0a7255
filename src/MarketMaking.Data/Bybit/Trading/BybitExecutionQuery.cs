namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// GET /v5/execution/list parameters (docs/v5/order/execution.mdx): fills, newest first, at most
/// seven days between <see cref="StartTime"/> and <see cref="EndTime"/> (ms).
/// </summary>
public sealed record BybitExecutionQuery(string Category, string? Symbol = null)
{
    public string? OrderId { get; init; }

    public string? OrderLinkId { get; init; }

    public string? BaseCoin { get; init; }

    public string? SettleCoin { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    public BybitExecType? ExecType { get; init; }

    /// <summary>Page size, 1 to 100 (Bybit's default 50).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}
