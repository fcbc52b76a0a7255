namespace MarketMaking.Data.Bybit.Trading;

/// <summary>
/// One message of the private stream, decoded: the orders, fills, positions or balances it carries
/// (one list filled, by <see cref="Kind"/>), or a notice about the stream.
/// </summary>
public sealed class BybitPrivateMessage
{
    public required BybitPrivateMessageKind Kind { get; init; }

    /// <summary>The topic (<c>order</c>, <c>execution</c>, ...); empty for a notice.</summary>
    public string Topic { get; init; } = "";

    /// <summary>Bybit's message id; empty for a notice.</summary>
    public string Id { get; init; } = "";

    /// <summary>When Bybit made the message, ms since the Unix epoch; 0 for a notice.</summary>
    public long CreationTime { get; init; }

    /// <summary>Local receive time, ns since the Unix epoch.</summary>
    public long LocalTime { get; init; }

    public IReadOnlyList<BybitOrder> Orders { get; init; } = [];

    public IReadOnlyList<BybitExecution> Executions { get; init; } = [];

    public IReadOnlyList<BybitPosition> Positions { get; init; } = [];

    public IReadOnlyList<BybitWallet> Wallets { get; init; } = [];

    /// <summary>For a notice: what happened, in words.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The message as received (empty for notices the stream itself makes).</summary>
    public string Raw { get; init; } = "";
}
