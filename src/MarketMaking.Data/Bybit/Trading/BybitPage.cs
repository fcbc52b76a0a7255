namespace MarketMaking.Data.Bybit.Trading;

/// <summary>A page of a list endpoint (open orders, executions, positions); pass <see cref="NextPageCursor"/> back for the next one ("" when there is none).</summary>
public sealed record BybitPage<T>
{
    public string Category { get; init; } = "";

    public IReadOnlyList<T> List { get; init; } = [];

    public string NextPageCursor { get; init; } = "";
}
