using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Data.Tests.Files;

public class DbnMboReaderTests
{
    private const byte Snapshot = 32;
    private const byte Last = 128;
    private const long Ns = DbnTestFile.Ns;

    // A buffer smaller than a record's events, so batches are handed out across reads.
    private const int SmallBuffer = 3;

    // With one price in a file, the largest tick dividing it is the price itself: these give the tick.
    private static readonly MarketDataOptions Quarters = new() { TickSize = 0.25 };

    /// <summary>4800.00 + quarters, in DBN's units of 1e-9; 4800.00 is tick 19,200 of 0.25.</summary>
    private static long Px(int quarters) => 4_800_000_000_000 + (quarters * 250_000_000L);

    [Fact]
    public void RecordsBecomeOrderEventsAndFillsExecuteTheRestingOrders()
    {
        var file = new DbnTestFile()
            .Mbo('A', 'B', 1, Px(0), 5, Snapshot, tsEvent: Ns - 1_000_000, tsRecv: Ns)
            .Mbo('A', 'A', 2, Px(1), 3, Snapshot | Last, tsEvent: Ns - 2_000_000, tsRecv: Ns)
            .Mbo('A', 'B', 3, Px(0), 2, tsEvent: Ns + 10)
            .Mbo('T', 'B', 90, Px(1), 3, 0, tsEvent: Ns + 20) // a buyer lifts the ask
            .Mbo('F', 'A', 2, Px(1), 3, 0, tsEvent: Ns + 20)
            .Mbo('C', 'A', 2, Px(1), 3, Last, tsEvent: Ns + 20) // the venue's cancel of the filled order: already done
            .Mbo('T', 'A', 91, Px(0), 2, 0, tsEvent: Ns + 30) // a seller hits 2 of order 1's 5
            .Mbo('F', 'B', 1, Px(0), 2, 0, tsEvent: Ns + 30)
            .Mbo('M', 'B', 1, Px(0), 3, Last, tsEvent: Ns + 30) // the venue's modify to what is left
            .Mbo('M', 'B', 3, Px(0), 1, Last, tsEvent: Ns + 40)
            .Mbo('T', 'A', 92, Px(-1), 4, Last, tsEvent: Ns + 50) // no bid at 4799.75 and no fill: a hidden execution
            .Mbo('M', 'B', 1, Px(-1), 3, Last, tsEvent: Ns + 60)
            .Mbo('R', 'N', 0, long.MaxValue, 0, Last, tsEvent: Ns + 70);
        using var folder = new TempFolder();
        using var reader = new DbnMboReader(file.Write(folder));
        List<MarketEvent> events = Events.ReadAll(reader, SmallBuffer);

        Assert.Equal(("ESH4", 0.25, 1.0), (reader.Instrument.Symbol, reader.Instrument.TickSize, reader.Instrument.LotSize));
        Assert.Equal(
            [
                (MarketEventKind.BookClear, Side.Buy, 0L, 0L, 0L, EventMarkers.None),
                (MarketEventKind.OrderAdd, Side.Buy, 19200L, 5L, 1L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19200L, 5L, 0L, EventMarkers.None),
                (MarketEventKind.OrderAdd, Side.Sell, 19201L, 3L, 2L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Sell, 19201L, 3L, 0L, EventMarkers.EndOfBatch),
                (MarketEventKind.OrderAdd, Side.Buy, 19200L, 2L, 3L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19200L, 7L, 0L, EventMarkers.EndOfBatch),
                (MarketEventKind.OrderExecute, Side.Sell, 19201L, 3L, 2L, EventMarkers.None),
                (MarketEventKind.Trade, Side.Buy, 19201L, 3L, 2L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Sell, 19201L, 0L, 0L, EventMarkers.EndOfBatch),
                (MarketEventKind.OrderExecute, Side.Buy, 19200L, 2L, 1L, EventMarkers.None),
                (MarketEventKind.Trade, Side.Sell, 19200L, 2L, 1L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19200L, 5L, 0L, EventMarkers.None),
                (MarketEventKind.OrderModify, Side.Buy, 19200L, 3L, 1L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19200L, 5L, 0L, EventMarkers.EndOfBatch),
                (MarketEventKind.OrderModify, Side.Buy, 19200L, 1L, 3L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19200L, 4L, 0L, EventMarkers.EndOfBatch),
                (MarketEventKind.Trade, Side.Sell, 19199L, 4L, 92L, EventMarkers.EndOfBatch),
                (MarketEventKind.OrderModify, Side.Buy, 19199L, 3L, 1L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19200L, 1L, 0L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 19199L, 3L, 0L, EventMarkers.EndOfBatch),
                (MarketEventKind.BookClear, Side.Buy, 0L, 0L, 0L, EventMarkers.EndOfBatch),
            ],
            events.Select(e => (e.Kind, e.Side, e.Price, e.Size, e.Id, e.Markers)));

        // Snapshot records carry the time they were sent (ts_recv), not their orders' entry times; the rest ts_event.
        Assert.Equal((Ns, Ns), (events[1].ExchangeTime, events[1].LocalTime));
        Assert.Equal((Ns + 20, Ns + 1020), (events[7].ExchangeTime, events[7].LocalTime));

        DbnStatistics s = reader.Statistics;
        Assert.Equal((13L, 2L, 2L), (s.Records, s.SnapshotOrders, s.Clears));
        Assert.Equal((3L, 2L, 2L, 2L, 0L), (s.Trades, s.TradesMatched, s.Fills, s.FillsMatched, s.UnknownOrders));
    }

    [Fact]
    public void ASmallerSizeKeepsTheQueuePlaceAndALargerOneLosesIt()
    {
        var file = new DbnTestFile()
            .Mbo('A', 'B', 1, Px(0), 5)
            .Mbo('A', 'B', 2, Px(0), 5)
            .Mbo('A', 'B', 3, Px(0), 5)
            .Mbo('M', 'B', 1, Px(0), 4) // smaller: stays first
            .Mbo('M', 'B', 2, Px(0), 6); // larger: to the back
        using var folder = new TempFolder();
        using var reader = new DbnMboReader(file.Write(folder), Quarters);
        Events.ReadAll(reader, SmallBuffer);

        OrderQueueBook book = reader.Book;
        Assert.True(book.TryGetOrder(1, out QueuedOrder first));
        Assert.True(book.TryGetOrder(2, out QueuedOrder second));
        Assert.True(book.TryGetOrder(3, out QueuedOrder third));
        Assert.True(first.Key < third.Key && third.Key < second.Key);
        Assert.Equal((0L, 4L, 9L, 15L), (book.VolumeAhead(Side.Buy, 19200, first.Key), book.VolumeAhead(Side.Buy, 19200, third.Key), book.VolumeAhead(Side.Buy, 19200, second.Key), book.SizeAt(Side.Buy, 19200)));
    }

    [Fact]
    public void AFillLargerThanTheDisplayedSizeExecutesWhatIsShownAndTheRefreshGoesToTheBack()
    {
        // An iceberg shows 1 of its size; a trade of 3 fills it; the venue then shows 1 more (a modify up).
        var file = new DbnTestFile()
            .Mbo('A', 'A', 1, Px(1), 1)
            .Mbo('A', 'A', 2, Px(1), 4)
            .Mbo('T', 'B', 9, Px(1), 3, 0)
            .Mbo('F', 'A', 1, Px(1), 3, 0)
            .Mbo('M', 'A', 1, Px(1), 1);
        using var folder = new TempFolder();
        using var reader = new DbnMboReader(file.Write(folder), Quarters);
        List<MarketEvent> events = Events.ReadAll(reader, SmallBuffer);

        Assert.Contains(events, e => e is { Kind: MarketEventKind.OrderExecute, Id: 1, Size: 1 });
        Assert.Contains(events, e => e is { Kind: MarketEventKind.Trade, Side: Side.Buy, Size: 3 });
        Assert.Equal((2L, 0L, 5L), (reader.Statistics.HiddenFillLots, reader.Statistics.UnknownOrders, reader.Book.SizeAt(Side.Sell, 19201)));
        Assert.True(reader.Book.TryGetOrder(1, out QueuedOrder refreshed));
        Assert.True(reader.Book.TryGetOrder(2, out QueuedOrder other));
        Assert.True(other.Key < refreshed.Key);
    }

    [Fact]
    public void TheTickIsInferredFromThePricesUnlessGiven()
    {
        var file = new DbnTestFile().Mbo('A', 'B', 1, Px(0), 1).Mbo('A', 'A', 2, Px(2), 1).Mbo('A', 'A', 3, Px(5), 1);
        using var folder = new TempFolder();
        string path = file.Write(folder);
        using (var inferred = new DbnMboReader(path))
        {
            Assert.Equal(0.25, inferred.Instrument.TickSize);
        }

        using var given = new DbnMboReader(path, new MarketDataOptions { TickSize = 0.05 });
        List<MarketEvent> events = Events.ReadAll(given, SmallBuffer);
        Assert.Equal(0.05, given.Instrument.TickSize);
        Assert.Equal(96_025L, events.Single(e => e is { Kind: MarketEventKind.OrderAdd, Id: 3 }).Price);
    }

    /// <summary>Versions 2 and 3 lay the metadata out otherwise (no record_count, symbol_cstr_len, 71-byte symbols); the records are the same.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void LaterVersionsReadTheSymbolAndTheSameEvents(byte version)
    {
        DbnTestFile Book(byte v) => new DbnTestFile { Version = v }.Mbo('A', 'B', 1, Px(0), 5).Mbo('A', 'A', 2, Px(1), 3).Mbo('C', 'B', 1, Px(0), 5);
        using var folder = new TempFolder();
        using var first = new DbnMboReader(Book(1).Write(folder, "v1.dbn.zst"));
        using var later = new DbnMboReader(Book(version).Write(folder, $"v{version}.dbn.zst"));

        Assert.Equal(("ESH4", 0.25), (later.Instrument.Symbol, later.Instrument.TickSize));
        List<MarketEvent> events = Events.ReadAll(later, SmallBuffer);
        Assert.Equal(Events.ReadAll(first, SmallBuffer), events);
        Assert.Equal(6, events.Count); // add and level, twice; the delete and its empty level
    }

    [Fact]
    public void BadFilesAreNamedWithTheirRecordNumber()
    {
        using var folder = new TempFolder();
        var good = new DbnTestFile().Mbo('A', 'B', 1, Px(0), 1).Mbo('A', 'B', 2, Px(0), 1).Mbo('A', 'B', 3, Px(0), 1);

        string plain = folder.File("plain.txt");
        File.WriteAllText(plain, "time,price,size\n");
        Assert.Contains($"{plain}: header: neither Zstandard", Fails(plain));

        byte[] bytes = good.Bytes();
        bytes[0] = (byte)'X';
        string magic = folder.File("magic.dbn.zst");
        File.WriteAllBytes(magic, new ZstdSharp.Compressor().Wrap(bytes).ToArray());
        Assert.Contains($"{magic}: header: the data does not start with DBN's magic", Fails(magic));

        string version = new DbnTestFile { Version = 9 }.Mbo('A', 'B', 1, Px(0), 1).Write(folder, "version.dbn.zst");
        Assert.Contains($"{version}: version: unknown DBN version 9", Fails(version));

        string schema = new DbnTestFile { Schema = 1 }.Mbo('A', 'B', 1, Px(0), 1).Write(folder, "schema.dbn.zst");
        Assert.Contains($"{schema}: schema: schema 1 is not MBO", Fails(schema));

        string truncated = folder.File("truncated.dbn");
        File.WriteAllBytes(truncated, good.Bytes()[..^10]);
        Assert.Contains($"{truncated}:3: length: record 3 is truncated: the file ends 46 bytes into its 56 bytes", Fails(truncated));

        string cutShort = folder.File("cut.dbn.zst");
        byte[] whole = new ZstdSharp.Compressor().Wrap(good.Bytes()).ToArray();
        Assert.Contains($"{cutShort}: zstd: the Zstandard stream ends early before the first record: the file is cut short", Fails(cutShort, whole[..^10]));

        string rtype = new DbnTestFile().Mbo('A', 'B', 1, Px(0), 1).Mbo('A', 'B', 2, Px(0), 1, rtype: 0x01).Write(folder, "rtype.dbn.zst");
        Assert.Contains($"{rtype}:2: rtype: record 2 has rtype 0x01", Fails(rtype));

        string corrupt = folder.File("corrupt.dbn.zst");
        byte[] compressed = new ZstdSharp.Compressor().Wrap(good.Bytes()).ToArray();
        compressed.AsSpan(20).Fill(0xAB);
        Assert.Contains($"{corrupt}:", Fails(corrupt, compressed));
        Assert.Contains("Zstandard stream is corrupt", Fails(corrupt, compressed));

        string offGrid = new DbnTestFile().Mbo('A', 'B', 1, Px(0), 1).Mbo('A', 'B', 2, Px(0) + 1, 1).Write(folder, "offgrid.dbn.zst");
        Assert.Equal($"{offGrid}:2: price: record 2 price 4800.000000001 is not a positive whole number of ticks of 0.25", Fails(offGrid, tick: 0.25));
    }

    [Fact]
    public void ReadingAllocatesNothingPerRecordOnceWarm()
    {
        const int Pairs = 10_000;
        var file = new DbnTestFile().Mbo('A', 'A', 1, Px(1), 5, Snapshot | Last, tsRecv: Ns);
        for (int i = 0; i < Pairs; i++)
        {
            file.Mbo('A', 'B', i + 10, Px(0), 3, Last, tsEvent: Ns + i)
                .Mbo('C', 'B', i + 10, Px(0), 3, Last, tsEvent: Ns + i);
        }

        using var folder = new TempFolder();
        string path = file.Write(folder);
        var buffer = new MarketEvent[1024];
        (long allocated, long read, DbnMboReader reader) = ReaderSteadyState.ReadingAllocates(() => new DbnMboReader(path), buffer);

        // The clear, the snapshot's add and level, then add, level, delete, level per pair.
        Assert.Equal((2L * Pairs) + 1, reader.Statistics.Records);
        reader.Dispose();
        Assert.Equal(3 + (4 * Pairs) - buffer.Length, read);
        Assert.Equal(0, allocated);
    }

    /// <summary>The counts the data README gives, and every trade at a price the rebuilt book held on the resting side.</summary>
    [SharedDataFact]
    public void TheRealHourMatchesEveryTrade()
    {
        using var reader = new DbnMboReader(SharedData.DatabentoMbo);
        var buffer = new MarketEvent[8192];
        while (reader.Read(buffer) > 0)
        {
        }

        DbnStatistics s = reader.Statistics;
        Assert.Equal(("ESH4", 0.25), (reader.Instrument.Symbol, reader.Instrument.TickSize));
        Assert.Equal((68_792L, 8_725L, 2_973L, 2_973L, 0L), (s.Records, s.SnapshotOrders, s.Trades, s.TradesMatched, s.UnknownOrders));
    }

    private static string Fails(string path, byte[]? bytes = null, double? tick = null)
    {
        if (bytes is not null)
        {
            File.WriteAllBytes(path, bytes);
        }

        var e = Assert.Throws<DataFormatException>(() =>
        {
            using var reader = new DbnMboReader(path, new MarketDataOptions { TickSize = tick });
            Events.ReadAll(reader, SmallBuffer);
        });
        return e.Message;
    }
}
