using System.IO.Compression;
using System.Text;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Binary;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

/// <summary>Readers stream: what they allocate does not grow with the length of the file.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ReadingTenTimesMoreRowsAllocatesNoMore()
    {
        string smallFile = WriteTrades("small.csv.gz", 20_000);
        string largeFile = WriteTrades("large.csv.gz", 200_000);
        AllocatedWhileReading(smallFile, path => new TardisTradeReader(path)); // warm up: the first pass pays for JIT tiering
        long small = AllocatedWhileReading(smallFile, path => new TardisTradeReader(path));
        long large = AllocatedWhileReading(largeFile, path => new TardisTradeReader(path));

        Assert.True(large < small + (256 * 1024), $"20k rows: {small:N0} bytes, 200k rows: {large:N0} bytes");
    }

    [Fact]
    public void ReadingTenTimesMoreJsonMessagesAllocatesNoMore()
    {
        string smallFile = WriteBinance("small.gz", 10_000);
        string largeFile = WriteBinance("large.gz", 100_000);
        AllocatedWhileReading(smallFile, path => new BinanceUsdmReader(path));
        long small = AllocatedWhileReading(smallFile, path => new BinanceUsdmReader(path));
        long large = AllocatedWhileReading(largeFile, path => new BinanceUsdmReader(path));

        Assert.True(large < small + (256 * 1024), $"10k messages: {small:N0} bytes, 100k messages: {large:N0} bytes");
    }

    [Fact]
    public void ReadingAnMmevFileAllocatesNothingPerCall()
    {
        string path = _temp.File("e.mmev");
        var events = new MarketEvent[50_000];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = new MarketEvent(i, i, MarketEventKind.Trade, Side.Buy, i, 1, i, EventMarkers.EndOfBatch);
        }

        using (var writer = new MmevWriter(path, new Instrument("X", 1, 1)))
        {
            writer.Write(events);
        }

        // Each pass opens a reader (outside the measured calls) and reads the file after its first call.
        var buffer = new MarketEvent[1000];
        (long allocated, long read, MmevReader reader) = ReaderSteadyState.ReadingAllocates(() => new MmevReader(path), buffer);
        reader.Dispose();

        Assert.Equal(49_000, read);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ReadingAnOrderByOrderMmevWithoutItsLevelEchoesAllocatesNothingPerCall()
    {
        // 25,000 adds, each followed by its level echo, which ends the batch.
        string path = _temp.File("l3.mmev");
        var events = new MarketEvent[50_000];
        for (int i = 0; i < events.Length; i += 2)
        {
            events[i] = new MarketEvent(i, i, MarketEventKind.OrderAdd, Side.Buy, 100, 1, i + 1, EventMarkers.None);
            events[i + 1] = new MarketEvent(i, i, MarketEventKind.BookLevel, Side.Buy, 100, (i / 2) + 1, i + 1, EventMarkers.EndOfBatch);
        }

        using (var writer = new MmevWriter(path, new Instrument("X", 1, 1)))
        {
            writer.Write(events);
        }

        // The first call returns 999 adds (the 1,000th is held back for its echo); the rest follow.
        var buffer = new MarketEvent[1000];
        (long allocated, long read, MmevReader reader) = ReaderSteadyState.ReadingAllocates(() => new MmevReader(path) { OmitLevelEchoes = true }, buffer);
        reader.Dispose();

        Assert.Equal(25_000 - 999, read);
        Assert.Equal(25_000, reader.OmittedEvents);
        Assert.Equal(0, allocated);
    }

    private string WriteTrades(string name, int rows)
    {
        string path = _temp.File(name);
        using var gzip = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), Encoding.UTF8);
        gzip.WriteLine("exchange,symbol,timestamp,local_timestamp,id,side,price,amount");
        for (int i = 0; i < rows; i++)
        {
            gzip.WriteLine($"binance,BTCUSDT,{1_000_000 + i},{1_000_100 + i},{i},{(i % 3 == 0 ? "sell" : "buy")},{100 + (i % 50)}.5,0.0{1 + (i % 9)}");
        }

        return path;
    }

    private string WriteBinance(string name, int messages)
    {
        string path = _temp.File(name);
        using var gzip = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), Encoding.UTF8);
        gzip.WriteLine(BinanceLines.Snapshot(1, 100, BinanceLines.Level("100.0", "1"), BinanceLines.Level("100.1", "1")));
        for (int i = 0; i < messages; i++)
        {
            gzip.WriteLine(i % 3 == 0 ? BinanceLines.Trade(2 + i, i, "100.1", "0.5", buyerIsMaker: i % 2 == 0)
                : i % 3 == 1 ? BinanceLines.Ticker(2 + i, 100 + i, "100.0", "1", "100.1", "2")
                : BinanceLines.Depth(2 + i, 100 + i - 2, 100 + i + 1, 100 + i - 2, BinanceLines.Level("99.9", "1." + (i % 7)), ""));
        }

        return path;
    }

    private static long AllocatedWhileReading(string path, Func<string, MarketDataReader> open)
    {
        using MarketDataReader reader = open(path);
        var buffer = new MarketEvent[1024];
        reader.Read(buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.Read(buffer) > 0)
        {
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
