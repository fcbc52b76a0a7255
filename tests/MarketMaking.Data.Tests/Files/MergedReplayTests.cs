using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public class MergedReplayTests
{
    [SharedDataFact]
    public void TheSixMinutesOfFourFilesMergeIntoOneStreamInReceiveOrderWithNothingLost()
    {
        string[] paths = [SharedData.BinanceUsdm, SharedData.BinanceUsdmEth, SharedData.BinanceSpotBtc, SharedData.BinanceCoinMEth];
        long[] alone = [.. paths.Select((p, i) => (long)Events.ReadAll(Open(p, i), 4096).Count)];

        using var merged = new MergedMarketEvents([.. paths.Select(Open)]);
        var counts = new long[paths.Length];
        var events = new MarketEvent[4096];
        var sources = new int[4096];
        long last = long.MinValue;
        int n;
        while ((n = merged.Read(events, sources)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                Assert.True(events[i].LocalTime >= last || !events[i - (i > 0 ? 1 : 0)].IsEndOfBatch, "receive time went back between messages");
                last = Math.Max(last, events[i].LocalTime);
                counts[sources[i]]++;
            }
        }

        Assert.Equal(alone, counts);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "BTCUSDT", "ETHUSD_PERP"], merged.Instruments.Select(x => x.Symbol));
    }

    private static MarketDataReader Open(string path, int index) => index switch
    {
        2 => new BinanceSpotReader(path),
        3 => new BinanceCoinMReader(path),
        _ => new BinanceUsdmReader(path),
    };
}
