using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Data.Verification;
using static MarketMaking.Data.Tests.Files.BinanceLines;

namespace MarketMaking.Data.Tests.Files;

public sealed class BinanceSpotReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string SpotDepth(long local, long first, long last, string bids, string asks) =>
        $$$"""{{{local}}} {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":{{{local}}},"s":"BTCUSDT","U":{{{first}}},"u":{{{last}}},"b":[{{{bids}}}],"a":[{{{asks}}}]}}""";

    private static string SpotSnapshot(long local, long lastUpdateId, string bids, string asks) =>
        $$$"""{{{local}}} {"lastUpdateId":{{{lastUpdateId}}},"bids":[{{{bids}}}],"asks":[{{{asks}}}]}""";

    private static string SpotTicker(long local, long id, string bid, string ask) =>
        $$$"""{{{local}}} {"stream":"btcusdt@bookTicker","data":{"u":{{{id}}},"s":"BTCUSDT","b":"{{{bid}}}","B":"1.000","a":"{{{ask}}}","A":"1.000"}}""";

    [SharedDataTheory]
    [InlineData("btc", 9_757, 28_040)]
    [InlineData("eth", 6_106, 24_077)]
    public void SampleReadsWithoutGapsAndEveryComparableBookTickerMatchesTheRebuiltBook(string coin, int trades, int tickers)
    {
        string path = coin == "btc" ? SharedData.BinanceSpotBtc : SharedData.BinanceSpotEth;
        using (var reader = new BinanceSpotReader(path))
        {
            List<MarketEvent> events = Events.ReadAll(reader, 4096);
            Assert.Equal(trades, events.Count(e => e.Kind == MarketEventKind.Trade));
            Assert.Equal(tickers, events.Count(e => e.Kind == MarketEventKind.BestQuote && e.IsEndOfBatch));
            Assert.Equal(0, reader.BadRows.Total); // with --on-bad-row stop a gap would have thrown
            Assert.Single(events, e => e.Kind == MarketEventKind.BookClear);
        }

        using var again = new BinanceSpotReader(path);
        BookVerification result = BookVerifier.Verify(again);
        Assert.True(result.Compared > 50, $"compared {result.Compared}");
        Assert.Null(result.FirstMismatch);
    }

    [Fact]
    public void SpotRuleDropsUpdatesUpToTheSnapshotIdAndChainsOnUPlusOne()
    {
        string path = _temp.WriteGzip(
            "spot.gz",
            SpotDepth(1, 90, 100, Level("100.0", "9.000"), ""),        // u = lastUpdateId: dropped on spot
            SpotSnapshot(2, 100, Level("100.0", "1.000"), Level("101.0", "1.000")),
            SpotDepth(3, 101, 105, Level("100.0", "2.000"), ""),       // U = lastUpdateId + 1: the first applied
            SpotTicker(4, 105, "100.0", "101.0"),
            SpotDepth(5, 106, 110, "", Level("101.0", "3.000")));      // U = previous u + 1
        using var reader = new BinanceSpotReader(path, Options());
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal(1, reader.UnappliedUpdates);
        Assert.Equal([2_000L, 3_000L], events.Where(e => e.Kind == MarketEventKind.BookLevel && (e.Markers & EventMarkers.Snapshot) == 0).Select(e => e.Size));
        Assert.Equal(2, events.Count(e => e.Kind == MarketEventKind.BookLevel && e.IsEndOfBatch && (e.Markers & EventMarkers.Snapshot) == 0));
        Assert.Equal(2, events.Count(e => e.Kind == MarketEventKind.BestQuote));
    }

    [Fact]
    public void AMissingUpdateIsAGapNamingFileLineAndU()
    {
        string path = _temp.Write(
            "gap.txt",
            SpotSnapshot(1, 100, Level("100.0", "1.000"), Level("101.0", "1.000")),
            SpotDepth(2, 101, 105, Level("100.0", "2.000"), ""),
            SpotDepth(3, 107, 110, Level("100.0", "3.000"), ""));     // 106 lost
        using var reader = new BinanceSpotReader(path, Options());
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));

        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("U", e.Field);
        Assert.Contains("U=107 is not the previous update's u+1=106", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeDepthPriceIsABadRowNamingFileLineAndSide()
    {
        string path = _temp.Write(
            "negative.txt",
            SpotSnapshot(1, 100, Level("100.0", "1.000"), Level("101.0", "1.000")),
            SpotDepth(2, 101, 105, "", Level("-61800.00", "2.000")));
        using var reader = new BinanceSpotReader(path, Options());
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));

        Assert.Equal($"{path}:2: a: price '-61800.00' is not positive", e.Message);
    }

    [Fact]
    public void AFirstUpdateStartingPastTheSnapshotIsAGap()
    {
        string path = _temp.Write(
            "late.txt",
            SpotSnapshot(1, 100, Level("100.0", "1.000"), Level("101.0", "1.000")),
            SpotDepth(2, 102, 105, Level("100.0", "2.000"), ""));     // 101 lost
        using var reader = new BinanceSpotReader(path, Options());
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));

        Assert.Equal(2, e.Line);
        Assert.Equal("U", e.Field);
    }
}
