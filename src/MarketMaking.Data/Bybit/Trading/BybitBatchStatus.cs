namespace MarketMaking.Data.Bybit.Trading;

/// <summary>The outcome of one order of a batch request (<c>retExtInfo.list[i]</c>): 0 and <c>OK</c>, or Bybit's error.</summary>
public sealed record BybitBatchStatus
{
    public int Code { get; init; }

    public string Msg { get; init; } = "OK";
}
