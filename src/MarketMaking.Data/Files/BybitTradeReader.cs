namespace MarketMaking.Data.Files;

/// <summary>
/// Bybit's public trade archive (CSV, usually gzip): one Trade event per row, aggressor side as
/// Bybit gives it, the row's single timestamp as both exchange and local time. Rows must be in time
/// order: an earlier time than the previous row's is a bad row.
/// </summary>
public sealed class BybitTradeReader(string path, MarketDataOptions? options = null)
    : TextMarketDataReader(path, MarketDataFormat.BybitTrades, options, context => new BybitTradeParser(context));
