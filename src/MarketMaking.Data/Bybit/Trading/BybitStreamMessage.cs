namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// A private-stream push (docs/v5/websocket/private/*.mdx): a message id, the topic, when Bybit made
/// it (ms) and the records it carries. One execution message can carry several fills.
/// </summary>
public sealed record BybitStreamMessage<T>
{
    public string Id { get; init; } = "";

    public string Topic { get; init; } = "";

    public long CreationTime { get; init; }

    public IReadOnlyList<T> Data { get; init; } = [];
}
