using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

/// <summary>Lines of a Binance USD-M stream dump, for small hand-made files.</summary>
internal static class BinanceLines
{
    public static MarketDataOptions Options(BadRowPolicy policy = default) =>
        new() { Instrument = new Instrument("BTCUSDT", 0.1, 0.001), OnBadRow = policy };

    public static string Snapshot(long local, long lastUpdateId, string bids, string asks) =>
        $$$"""{{{local}}} {"lastUpdateId":{{{lastUpdateId}}},"E":{{{local}}},"T":{{{local}}},"bids":[{{{bids}}}],"asks":[{{{asks}}}]}""";

    public static string Depth(long local, long first, long last, long previous, string bids, string asks) =>
        $$$"""{{{local}}} {"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":{{{local}}},"T":{{{local}}},"s":"BTCUSDT","U":{{{first}}},"u":{{{last}}},"pu":{{{previous}}},"b":[{{{bids}}}],"a":[{{{asks}}}]}}""";

    public static string Trade(long local, long id, string price, string quantity, bool buyerIsMaker) =>
        $$$"""{{{local}}} {"stream":"btcusdt@trade","data":{"e":"trade","E":{{{local}}},"T":{{{local}}},"s":"BTCUSDT","t":{{{id}}},"p":"{{{price}}}","q":"{{{quantity}}}","X":"MARKET","m":{{{(buyerIsMaker ? "true" : "false")}}}}}""";

    public static string Ticker(long local, long id, string bid, string bidSize, string ask, string askSize) =>
        $$$"""{{{local}}} {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":{{{id}}},"s":"BTCUSDT","b":"{{{bid}}}","B":"{{{bidSize}}}","a":"{{{ask}}}","A":"{{{askSize}}}","T":{{{local}}},"E":{{{local}}}}}""";

    public static string Level(string price, string size) => $"[\"{price}\",\"{size}\"]";
}
