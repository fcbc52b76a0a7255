using System.Globalization;
using System.Text.Json;

namespace MarketMaking.Data.Tests.Bybit;

/// <summary>Messages shaped exactly like Bybit's, for scenarios the documented examples do not cover (sequences, faults).</summary>
internal static class BybitPayloads
{
    public const string Topic = "orderbook.50.BTCUSDT";

    public static string Snapshot(long u, (string Price, string Size)[] bids, (string Price, string Size)[] asks, string topic = Topic) =>
        Book("snapshot", u, bids, asks, topic);

    public static string Delta(long u, (string Price, string Size)[] bids, (string Price, string Size)[] asks, string topic = Topic) =>
        Book("delta", u, bids, asks, topic);

    public static string Trade(string side, string price, string size, long time = 1672304486865) =>
        "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + (time + 3).ToString(CultureInfo.InvariantCulture)
        + ",\"data\":[{\"T\":" + time.ToString(CultureInfo.InvariantCulture) + ",\"s\":\"BTCUSDT\",\"S\":\"" + side + "\",\"v\":\"" + size + "\",\"p\":\"" + price
        + "\",\"L\":\"PlusTick\",\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false,\"seq\":1783284617}]}";

    public static string Error(int code, string message) =>
        JsonSerializer.Serialize(new { retCode = code, retMsg = message, result = new { }, retExtInfo = new { }, time = 1672025956592L });

    public static string Time() =>
        """{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1688639403","timeNano":"1688639403423213947"},"retExtInfo":{},"time":1688639403423}""";

    /// <summary>A kline response holding the bars starting at <paramref name="starts"/> (ms), newest first as Bybit sends them.</summary>
    public static string Klines(IEnumerable<long> starts) => JsonSerializer.Serialize(new
    {
        retCode = 0,
        retMsg = "OK",
        result = new
        {
            symbol = "BTCUSDT",
            category = "linear",
            list = starts.OrderDescending().Select(s => new[]
            {
                s.ToString(CultureInfo.InvariantCulture), Price(s), Price(s), Price(s), Price(s), "1.5", "100",
            }),
        },
        retExtInfo = new { },
        time = 1672025956592L,
    });

    /// <summary>A distinct price per bar, so a test can tell the bars apart.</summary>
    public static string Price(long start) => (start / 60_000 % 100_000).ToString(CultureInfo.InvariantCulture) + ".5";

    private static string Book(string type, long u, (string Price, string Size)[] bids, (string Price, string Size)[] asks, string topic) => JsonSerializer.Serialize(new
    {
        topic,
        type,
        ts = 1672304484978L + u,
        data = new
        {
            s = "BTCUSDT",
            b = bids.Select(l => new[] { l.Price, l.Size }),
            a = asks.Select(l => new[] { l.Price, l.Size }),
            u,
            seq = 7961638724L + u,
        },
        cts = 1672304484976L + u,
    });
}
