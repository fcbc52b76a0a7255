using System.Buffers;
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
    public void ADisposedReaderGivesItsBlockBackOnceAndRefusesToRead()
    {
        // Each reader's block comes from the shared pool and goes back on Dispose. Given back twice,
        // it would be handed to two later readers at once.
        string path = _temp.File("e.mmev");
        using (var writer = new MmevWriter(path, Btc))
        {
            writer.Write(SomeEvents());
        }

        var reader = new MmevReader(path);
        Assert.Equal(SomeEvents(), Events.ReadAll(reader, bufferSize: 4));
        reader.Dispose();
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.Read(new MarketEvent[4]));

        // The block is 6,553 records of 40 bytes: every array the pool hands out of that size is a different one.
        byte[][] rented = [.. Enumerable.Range(0, 4).Select(_ => ArrayPool<byte>.Shared.Rent(6_553 * 40))];
        Assert.Equal(rented.Length, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
        foreach (byte[] block in rented)
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public void LevelEchoesAreLeftOutOnRequestAndTheirEndOfBatchMovesToTheEventBefore(int bufferSize)
    {
        const EventMarkers end = EventMarkers.EndOfBatch;
        MarketEvent Level(long time, Side side, long price, long size, EventMarkers markers = EventMarkers.None) =>
            new(time, time, MarketEventKind.BookLevel, side, price, size, 0, markers);
        MarketEvent Order(long time, MarketEventKind kind, Side side, long price, long size, long id, EventMarkers markers = EventMarkers.None) =>
            new(time, time, kind, side, price, size, id, markers);
        MarketEvent[] written =
        [
            Level(1, Side.Buy, 100, 9, EventMarkers.Snapshot),                       // 0 from the source's book: stays
            Order(1, MarketEventKind.OrderAdd, Side.Buy, 100, 5, 1),                   // 1
            Level(1, Side.Buy, 100, 14, end),                                         // 2 echo of 1: its end goes to 1
            Order(2, MarketEventKind.OrderExecute, Side.Buy, 100, 2, 1),               // 3
            Order(2, MarketEventKind.Trade, Side.Sell, 100, 2, 1),                     // 4
            Level(2, Side.Buy, 100, 12, end),                                         // 5 echo after the trade: its end goes to 4
            Order(3, MarketEventKind.OrderExecute, Side.Buy, 100, 1, 1),               // 6 an execution without its trade
            Level(3, Side.Buy, 100, 11),                                              // 7 stays: the event after an execution
            Order(3, MarketEventKind.Trade, Side.Sell, 100, 4, 0, end),                // 8 a hidden execution
            Order(4, MarketEventKind.OrderModify, Side.Buy, 101, 5, 1),                // 9 a new price: two levels
            Level(4, Side.Buy, 100, 6),                                               // 10 echo of 9
            Level(4, Side.Buy, 101, 5, end),                                          // 11 echo of 9: its end goes to 9
            Level(5, Side.Sell, 105, 3, end),                                         // 12 other times: stays
            Order(6, MarketEventKind.OrderCancel, Side.Buy, 101, 1, 1, end),           // 13 already ends its batch
            Level(6, Side.Buy, 101, 4, end),                                          // 14 stays: after the end of a batch
            Order(7, MarketEventKind.OrderDelete, Side.Buy, 101, 4, 1),                // 15
            Level(7, Side.Buy, 101, 0, end),                                          // 16 echo, the last record
        ];
        string path = _temp.File("l3.mmev");
        using (var writer = new MmevWriter(path, Btc))
        {
            writer.Write(written);
        }

        using var reader = new MmevReader(path) { OmitLevelEchoes = true };
        MarketEvent Ended(int i) => written[i] with { Markers = written[i].Markers | end };
        Assert.Equal(
            [written[0], Ended(1), written[3], Ended(4), written[6], written[7], written[8], Ended(9), written[12], written[13], written[14], Ended(15)],
            Events.ReadAll(reader, bufferSize));
        Assert.Equal(5, reader.OmittedEvents);

        using var everything = new MmevReader(path);
        Assert.Equal(written, Events.ReadAll(everything, bufferSize));
        Assert.Equal(0, everything.OmittedEvents);
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
    public void AConversionMakesTheFoldersItsOutputNeeds()
    {
        string trades = _temp.Write("trades.csv", "exchange,symbol,timestamp,local_timestamp,id,side,price,amount", "x,Y,1,10,1,buy,1.5,1", "x,Y,2,20,2,sell,1.25,3");
        string target = Path.Combine(_temp.File("runs"), "day", "trades.mmev");
        using var source = new TardisTradeReader(trades);

        ConversionResult result = MarketDataConverter.Convert(source, target);

        Assert.Equal(2, result.Events);
        using var binary = MarketDataFormats.Open(target, "mmev");
        List<MarketEvent> read = Events.ReadAll(binary, 16);
        Assert.Equal([Side.Buy, Side.Sell], read.Select(e => e.Side));
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
