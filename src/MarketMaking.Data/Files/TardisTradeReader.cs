namespace MarketMaking.Data.Files;

/// <summary>A Tardis.dev trades CSV (plain or gzip): one Trade event per row, local time local_timestamp.</summary>
public sealed class TardisTradeReader(string path, MarketDataOptions? options = null)
    : TextMarketDataReader(path, MarketDataFormat.TardisTrades, options, context => new TardisTradeParser(context));
