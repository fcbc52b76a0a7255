namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// Bybit's REST envelope (docs/v5/guide.mdx, "Common response parameters"): <c>retCode</c> 0 and a
/// <c>result</c>, or an error code and message; <c>retExtInfo</c> holds per-order outcomes of batch requests.
/// </summary>
public sealed record BybitResponse<T>
{
    public int RetCode { get; init; }

    public string RetMsg { get; init; } = "OK";

    public T? Result { get; init; }

    public BybitExtInfo RetExtInfo { get; init; } = BybitExtInfo.Empty;

    /// <summary>Server time of the answer, ms since the Unix epoch.</summary>
    public long Time { get; init; }
}
