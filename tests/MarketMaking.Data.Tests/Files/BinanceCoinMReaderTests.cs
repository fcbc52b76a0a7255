using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Data.Verification;
using static MarketMaking.Data.Tests.Files.BinanceLines;

namespace MarketMaking.Data.Tests.Files;

public class BinanceCoinMReaderTests
{
    [SharedDataFact]
    public void SampleIsInWholeContractsOfTenUsdAndItsBookMatchesEveryComparableBookTicker()
    {
        using (var reader = new BinanceCoinMReader(SharedData.BinanceCoinMEth))
        {
            List<MarketEvent> events = Events.ReadAll(reader, 4096);
            Assert.Equal("ETHUSD_PERP", reader.Instrument.Symbol);
            Assert.Equal(1, reader.Instrument.LotSize);
            Assert.Equal(10, reader.Contract.FaceValue);
            Assert.Equal(1_732, events.Count(e => e.Kind == MarketEventKind.Trade));
            Assert.Equal(15_812, events.Count(e => e.Kind == MarketEventKind.BestQuote && e.IsEndOfBatch));
            Assert.Equal(0, reader.BadRows.Total);
        }

        using var again = new BinanceCoinMReader(SharedData.BinanceCoinMEth);
        BookVerification result = BookVerifier.Verify(again);
        Assert.True(result.Compared > 100, $"compared {result.Compared}");
        Assert.Null(result.FirstMismatch);
    }

    [Fact]
    public void AZeroDepthPriceIsABadRowNamingFileLineAndSide()
    {
        using var folder = new TempFolder();
        string path = folder.Write("zero.txt", Snapshot(10, 100, Level("100.0", "1"), Level("100.1", "1")), Depth(20, 99, 101, 98, Level("0.00", "2"), ""));
        using var reader = new BinanceCoinMReader(path, Options());
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));

        Assert.Equal($"{path}:2: b: price '0.00' is not positive", e.Message);
    }

    [Theory]
    [InlineData("BTCUSD_PERP", 100)]
    [InlineData("ETHUSD_PERP", 10)]
    [InlineData("SOLUSD_PERP", 10)]
    public void FaceValueIsBinancesPerCoin(string symbol, double face) => Assert.Equal(face, BinanceCoinMReader.FaceValueOf(symbol));
}
