using System.IO.Compression;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Binary;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Binary;

public sealed class MmevTests : IDisposable
{
    private static readonly Instrument Btc = new("BTCUSDT", 0.1, 0.001);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static MarketEvent[] SomeEvents() =>
    [
        new(1, 2, MarketEventKind.BookClear, Side.Buy, 0, 0, 7, EventMarkers.Snapshot),
        new(1, 2, MarketEventKind.BookLevel, Side.Sell, 618_003, 1_072, 7, EventMarkers.Snapshot | EventMarkers.EndOfBatch),
        new(-5, long.MaxValue, MarketEventKind.Trade, Side.Sell, -3, (1L << 56) - 1, long.MinValue, EventMarkers.EndOfBatch),
        new(long.MinValue, 0, MarketEventKind.BestQuote, Side.Buy, long.MaxValue, 0, -1, EventMarkers.None),

        // The order-by-order kinds need the high kind bits of version 2.
        new(9, 9, MarketEventKind.OrderAdd, Side.Sell, 101, 5, 42, EventMarkers.None),
        new(9, 9, MarketEventKind.OrderCancel, Side.Buy, 100, 1, 43, EventMarkers.None),
        new(9, 9, MarketEventKind.OrderDelete, Side.Buy, 100, 4, 43, EventMarkers.None),
        new(9, 9, MarketEventKind.OrderExecute, Side.Sell, 101, 2, 42, EventMarkers.EndOfBatch),
        new(9, 9, MarketEventKind.OrderModify, Side.Sell, 102, 3, 42, EventMarkers.Snapshot | EventMarkers.EndOfBatch),
    ];

    [Fact]
    public void EventsRoundTripExactlyWithTheInstrumentInTheHeader()
    {
        string path = _temp.File("e.mmev");
        using (var writer = new MmevWriter(path, Btc))
        {
            writer.Write(SomeEvents());
            writer.Write(SomeEvents()[0]);
        }

        using var reader = new MmevReader(path);
        Assert.Equal(Btc, reader.Instrument);
        Assert.Equal(10, reader.Count);
        Assert.Equal([.. SomeEvents(), SomeEvents()[0]], Events.ReadAll(reader, bufferSize: 3));
        Assert.Equal(64 + 8 + (10 * 40), new FileInfo(path).Length);
    }

    [Fact]
    public void AStreamThatCannotSeekLeavesTheCountUnknownAndCompressedFilesRead()
    {
        string path = _temp.File("e.mmev.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new MmevWriter(gzip, Btc))
        {
            writer.Write(SomeEvents());
        }

        using var reader = new MmevReader(path);
        Assert.Null(reader.Count);
        Assert.Equal(SomeEvents(), Events.ReadAll(reader));
    }

    [Fact]
    public void ASizeBeyondFiftySixBitsCannotBeWritten()
    {
        using var writer = new MmevWriter(new MemoryStream(), Btc);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new MarketEvent(0, 0, MarketEventKind.Trade, Side.Buy, 1, 1L << 56, 0, EventMarkers.None)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new MarketEvent(0, 0, MarketEventKind.Trade, Side.Buy, 1, -1, 0, EventMarkers.None)));
    }

    [Fact]
    public void DamagedFilesAreReportedNotMisread()
    {
        string path = _temp.File("e.mmev");
        using (var writer = new MmevWriter(path, Btc))
        {
            writer.Write(SomeEvents().AsSpan(0, 4));
        }

        byte[] good = File.ReadAllBytes(path);
        File.WriteAllBytes(path, good[..^10]);
        using (var truncated = new MmevReader(path))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(truncated));
            Assert.Equal((4L, "record"), (e.Line, e.Field));
        }

        File.WriteAllBytes(path, good[..^40]);
        using (var short1 = new MmevReader(path))
        {
            var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(short1));
            Assert.Contains("the header says 4 events but the file holds 3", e.Message, StringComparison.Ordinal);
        }

        byte[] flagged = (byte[])good.Clone();
        flagged[72 + 39] |= 0x80;
        File.WriteAllBytes(path, flagged);
        using (var corrupt = new MmevReader(path))
        {
            Assert.Throws<DataFormatException>(() => Events.ReadAll(corrupt));
        }

        File.WriteAllText(path, "timestamp,open\n");
        var notMmev = Assert.Throws<DataFormatException>(() => new MmevReader(path));
        Assert.Contains("not an .mmev event file", notMmev.Message, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void TheBinanceSampleRoundTripsThroughMmevUnchanged()
    {
        string path = _temp.File("btcusdt.mmev");
        ConversionResult result;
        using (var source = new BinanceUsdmReader(SharedData.BinanceUsdm))
        {
            result = MarketDataConverter.Convert(source, path);
        }

        using var original = new BinanceUsdmReader(SharedData.BinanceUsdm);
        List<MarketEvent> expected = Events.ReadAll(original, 4096);
        using var binary = MarketDataFormats.Open(path, "mmev");
        Assert.Equal(expected.Count, result.Events);
        Assert.Equal(original.Instrument, binary.Instrument);
        Assert.Equal(expected, Events.ReadAll(binary, 777));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void AFailedConversionLeavesNoFile()
    {
        string bad = _temp.Write("bad.csv", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount", "x,Y,1,10,1,buy,1.5,1", "x,Y,2,20,2,buy,oops,1");
        string target = _temp.File("bad.mmev");
        using var source = new TardisTradeReader(bad);

        Assert.Throws<DataFormatException>(() => MarketDataConverter.Convert(source, target));
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
    }
}
