namespace MarketMaking.Data.Files;

/// <summary>
/// A Binance spot raw stream dump (<c>&lt;local ns&gt; &lt;json&gt;</c> lines; REST snapshot, depthUpdate
/// with U and u but no pu, trade, bookTicker), plain or gzip. Depth updates follow spot's rule: drop
/// u ≤ lastUpdateId, the first applied has U ≤ lastUpdateId + 1 ≤ u, then each U is the previous u + 1.
/// Spot's snapshot and bookTicker carry no event time: their exchange time is the local time.
/// </summary>
public sealed class BinanceSpotReader(string path, MarketDataOptions? options = null)
    : TextMarketDataReader(path, MarketDataFormat.BinanceSpot, options, context => new BinanceUsdmParser(context, BinanceDepthRule.Spot));
