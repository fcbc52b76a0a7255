using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Data.Tests.Files;

public class LobsterReaderTests
{
    // 2012-06-21 04:00 UTC, midnight in New York (daylight time), in ns since the epoch.
    private const long Midnight = 1_340_251_200L * 1_000_000_000;

    // A buffer smaller than a message's events, so batches are handed out across reads.
    private const int SmallBuffer = 3;

    private static readonly string[] Messages =
    [
        "34200.000000001,1,11,10,1000000,1",
        "34200.5,1,12,3,1000000,1",
        "34200.5,4,11,10,1000000,1",
        "34201,3,999,5,1001000,-1",
    ];

    private static readonly string[] Rows =
    [
        "1001000,5,1000000,30,1002000,7,999000,4",
        "1001000,5,1000000,33,1002000,7,999000,4",
        "1001000,5,1000000,23,1002000,7,999000,4",
        "1002000,7,1000000,23,1003000,9,999000,4",
    ];

    [Fact]
    public void MessagesBecomeOrderEventsWithTheirLevelsAndUnknowableLevelsComeFromTheRows()
    {
        using var folder = new TempFolder();
        using var reader = new LobsterReader(Day(folder, Rows));
        List<MarketEvent> events = Events.ReadAll(reader, SmallBuffer);

        Assert.Equal("TEST", reader.Instrument.Symbol);
        Assert.Equal(0.01, reader.Instrument.TickSize);
        Assert.Equal(
            [
                (MarketEventKind.OrderAdd, Side.Buy, 10000L, 10L, 11L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 10000L, 10L, 11L, EventMarkers.None),

                // The first row: every level comes from the file (20 lots at 100.00 the messages never named).
                (MarketEventKind.BookLevel, Side.Sell, 10010L, 5L, 0L, EventMarkers.Snapshot),
                (MarketEventKind.BookLevel, Side.Sell, 10020L, 7L, 0L, EventMarkers.Snapshot),
                (MarketEventKind.BookLevel, Side.Buy, 10000L, 30L, 0L, EventMarkers.Snapshot),
                (MarketEventKind.BookLevel, Side.Buy, 9990L, 4L, 0L, EventMarkers.Snapshot | EventMarkers.EndOfBatch),
                (MarketEventKind.OrderAdd, Side.Buy, 10000L, 3L, 12L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Buy, 10000L, 33L, 12L, EventMarkers.None),
                (MarketEventKind.OrderExecute, Side.Buy, 10000L, 10L, 11L, EventMarkers.None),
                (MarketEventKind.Trade, Side.Sell, 10000L, 10L, 11L, EventMarkers.None),

                // Messages 2 and 3 share a time stamp: one batch.
                (MarketEventKind.BookLevel, Side.Buy, 10000L, 23L, 11L, EventMarkers.EndOfBatch),
                (MarketEventKind.OrderDelete, Side.Sell, 10010L, 5L, 999L, EventMarkers.None),
                (MarketEventKind.BookLevel, Side.Sell, 10010L, 0L, 999L, EventMarkers.None),

                // 100.30 enters the two-level window from below: it can only come from the row.
                (MarketEventKind.BookLevel, Side.Sell, 10030L, 9L, 0L, EventMarkers.Snapshot | EventMarkers.EndOfBatch),
            ],
            events.Select(e => (e.Kind, e.Side, e.Price, e.Size, e.Id, e.Markers)));
        Assert.Equal(Midnight + 34_200_000_000_001, events[0].ExchangeTime);
        Assert.Equal(Midnight + 34_200_500_000_000, events[6].LocalTime);

        LobsterStatistics s = reader.Statistics;
        Assert.Equal((4L, 4L, 0L, 5L, 1L), (s.Rows, s.RowsMatched, s.Mismatches, s.LevelsFromFile, s.UnknownOrders));

        // Order 12 joined behind the 20 unnamed lots and order 11, which has traded since.
        Assert.True(reader.Book.TryGetOrder(12, out var order));
        Assert.Equal(20, reader.Book.VolumeAhead(Side.Buy, 10000, order.Key));
    }

    [Fact]
    public void ALevelTheMessagesExplainButTheRowContradictsIsABadRowNamedByLine()
    {
        using var folder = new TempFolder();
        string[] rows = [.. Rows];
        rows[2] = "1001000,5,1000000,24,1002000,7,999000,4";
        string path = Day(folder, rows);

        using (var reader = new LobsterReader(path))
        {
            var error = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader, SmallBuffer));
            Assert.Equal(3, error.Line);
            Assert.Equal("bid 1000000", error.Field);
            Assert.Contains("holds 23 shares where", error.Problem, StringComparison.Ordinal);
        }

        using var skipping = new LobsterReader(path, new MarketDataOptions { OnBadRow = BadRowPolicy.Skip });
        Events.ReadAll(skipping, SmallBuffer);

        // Skipping takes the row's 24 as the truth, so the next row (23 again, with no message there) differs too.
        Assert.Equal((4L, 2L, 2L), (skipping.Statistics.Rows, skipping.Statistics.RowsMatched, skipping.BadRows[BadRowReason.BookMismatch]));
    }

    [Theory]
    [InlineData("34200.1,1,11,10,1000000", "message", "has 5 columns")]
    [InlineData("34200.1,9,11,10,1000000,1", "type", "unknown type 9")]
    [InlineData("34200.1,1,11,10,1000050,1", "price", "price 100.005 (1000050 in the file) is not a whole number of ticks of 0.01 dollars")]
    [InlineData("34200.1,1,11,10,0,1", "price", "price 0 is not positive")]
    [InlineData("34200.1,1,11,10,-1000000,1", "price", "price -1000000 is not positive")]
    [InlineData("noon,1,11,10,1000000,1", "time", "not seconds after midnight")]
    public void AMalformedMessageNamesItsFileLineAndField(string message, string field, string problem)
    {
        using var folder = new TempFolder();
        string path = Day(folder, Rows, message);
        using var reader = new LobsterReader(path);
        var error = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader, SmallBuffer));
        Assert.Equal((path, 1L, field), (error.File, error.Line, error.Field));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    /// <summary>Another format given as LOBSTER's zip (a Databento .dbn.zst, a download cut short) says it is no zip: it gave the runtime's "End of Central Directory record could not be found." alone.</summary>
    [Fact]
    public void AFileThatIsNoZipSaysSo()
    {
        using var folder = new TempFolder();
        string path = folder.Write("day.dbn.zst", "(\xb5/\xfd Zstandard frames, not a zip)");
        var error = Assert.Throws<DataFormatException>(() => new LobsterReader(path).Dispose());
        Assert.Equal((path, "zip"), (error.File, error.Field));
        Assert.StartsWith("not a zip archive, or one cut short (", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ANonPositivePriceInAnOrderBookRowNamesItsLineAndColumn()
    {
        using var folder = new TempFolder();
        string[] rows = [.. Rows];
        rows[1] = "1001000,5,-1000000,33,1002000,7,999000,4";
        string path = Day(folder, rows);
        using var reader = new LobsterReader(path);
        var error = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader, SmallBuffer));
        Assert.Equal((2L, "orderbook column 3", "price -1000000 is not positive"), (error.Line, error.Field, error.Problem));
    }

    [Fact]
    public void ATimeWithAFloatsTailIsRoundedToTheNanosecond()
    {
        using var folder = new TempFolder();
        using var reader = new LobsterReader(Day(folder, Rows, "34200.000000000504,1,11,10,1000000,1"));
        Assert.Equal(Midnight + 34_200_000_000_001, Events.ReadAll(reader, SmallBuffer)[0].ExchangeTime);
    }

    [Fact]
    public void ReadingAllocatesNothingPerMessageOnceWarm()
    {
        // One level a side: a resting ask (from the first row), and bid orders that come and go.
        const int Pairs = 10_000;
        var messages = new List<string>(2 * Pairs);
        var rows = new List<string>(2 * Pairs);
        for (int i = 0; i < Pairs; i++)
        {
            string time = (34200 + (i * 0.001)).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            messages.Add($"{time},1,{i + 1},3,1000000,1");
            rows.Add("1001000,5,1000000,3");
            messages.Add($"{time},3,{i + 1},3,1000000,1");
            rows.Add("1001000,5,-9999999999,0");
        }

        using var folder = new TempFolder();
        folder.Write("TEST_2012-06-21_34200000_57600000_orderbook_1.csv", [.. rows]);
        string path = folder.Write("TEST_2012-06-21_34200000_57600000_message_1.csv", [.. messages]);
        var buffer = new MarketEvent[1024];
        (long allocated, long read, LobsterReader reader) = ReaderSteadyState.ReadingAllocates(() => new LobsterReader(path), buffer);

        // Each pair: add, its level, delete, its level (4 events); the first row also gives the ask. Every row matched.
        Assert.Equal((2L * Pairs, 2L * Pairs, 0L), (reader.Statistics.Rows, reader.Statistics.RowsMatched, reader.Statistics.Mismatches));
        reader.Dispose();
        Assert.Equal((4 * Pairs) + 1 - buffer.Length, read); // all but the first call's events
        Assert.Equal(0, allocated);
    }

    /// <summary>LOBSTER's published counts: every row of both days matches the book rebuilt order by order.</summary>
    [SharedDataTheory]
    [InlineData("lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip", 155_935)]
    [InlineData("lobster/LOBSTER_SampleFile_GOOG_2012-06-21_10.zip", 147_916)]
    public void EveryRowOfTheSampleDaysMatchesTheRebuiltBook(string file, long messages)
    {
        using var reader = new LobsterReader(Path.Combine(SharedData.Folder!, file));
        var buffer = new MarketEvent[8192];
        while (reader.Read(buffer) > 0)
        {
        }

        Assert.Equal((messages, messages, 0L), (reader.Statistics.Rows, reader.Statistics.RowsMatched, reader.Statistics.Mismatches));
    }

    private static string Day(TempFolder folder, string[] rows, string? firstMessage = null)
    {
        string[] messages = firstMessage is null ? Messages : [firstMessage, .. Messages[1..]];
        folder.Write("TEST_2012-06-21_34200000_57600000_orderbook_2.csv", rows);
        return folder.Write("TEST_2012-06-21_34200000_57600000_message_2.csv", messages);
    }
}
