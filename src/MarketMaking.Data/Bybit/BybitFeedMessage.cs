using MarketMaking.Core.MarketData;

namespace MarketMaking.Data.Bybit;

/// <summary>
/// One message from the public stream: the exchange's raw text (what the recorder writes) with its
/// market events, or a notice about the stream (disconnected, gap, malformed).
/// </summary>
public sealed class BybitFeedMessage
{
    public required BybitFeedMessageKind Kind { get; init; }

    /// <summary>The topic (<c>orderbook.50.BTCUSDT</c>); empty for a disconnection notice.</summary>
    public string Topic { get; init; } = "";

    /// <summary>The message exactly as received; for a notice, the offending message (empty if none).</summary>
    public string Raw { get; init; } = "";

    /// <summary>Local receive time, ns since the Unix epoch.</summary>
    public long LocalTime { get; init; }

    /// <summary>Bybit's <c>ts</c>, ns since the Unix epoch; 0 for notices.</summary>
    public long ExchangeTime { get; init; }

    /// <summary>Book and trade events in the instrument's ticks and lots; the last one marks the end of the batch.</summary>
    public IReadOnlyList<MarketEvent> Events { get; init; } = [];

    public IReadOnlyList<BybitKline> Klines { get; init; } = [];

    /// <summary>For a notice: what happened, in words.</summary>
    public string Detail { get; init; } = "";

    /// <summary>True for an order-book snapshot, which replaces the whole book.</summary>
    public bool IsSnapshot => Events.Count > 0 && Events[0].Kind == MarketEventKind.BookClear;
}
