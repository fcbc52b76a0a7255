namespace MarketMaking.Trading.Bybit;

/// <summary>How orders reach Bybit: the signed REST API, or the WebSocket order entry (not on demo trading).</summary>
public enum BybitOrderEntry
{
    Rest,
    WebSocket,
}
