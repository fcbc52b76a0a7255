using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public sealed class LeanEquityReaderTests : IDisposable
{
    // 2013-10-07 00:00 New York (EDT, UTC−4) = 04:00 UTC.
    private const long MidnightNewYorkNs = 1_381_118_400L * 1_000_000_000;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Day(string[] quotes, string[] trades)
    {
        string folder = Path.Combine(_temp.Path, "xyz");
        Directory.CreateDirectory(folder);
        _temp.WriteZip("xyz/20131007_quote.zip", "20131007_xyz_Quote_Tick.csv", quotes);
        _temp.WriteZip("xyz/20131007_trade.zip", "20131007_xyz_Trade_Tick.csv", trades);
        return Path.Combine(folder, "20131007_quote.zip");
    }

    [Fact]
    public void TheConsolidatedBookSumsTheExchangesAtEachPriceAndTradesTakeTheirSideFromTheNbbo()
    {
        string path = Day(
            [
                "1000,100000,300,0,0,P,1,0",         // P bids 10.00 x 300
                "1000,0,0,100200,500,P,1,0",         // P offers 10.02 x 500
                "2000,100000,200,100100,100,Q,1,0",  // Q: 10.00 x 200, 10.01 x 100
                "3000,100100,100,0,0,Z,1,0",         // Z bids 10.01: locks Q's offer, which is dropped as stale
                "5000,99900,100,100300,100,Z,1,1",   // suspicious: skipped
            ],
            [
                "2500,100100,100,Q,0,0",             // at the ask 10.01: a buy
                "2600,100000,100,P,0,0",             // at the bid: a sell
                "4000,100150,50,D,0,0",              // 10.015 rounds to 10.02 = the ask after Z's bid: a buy
            ]);
        using var reader = new LeanEquityReader(path);
        List<MarketEvent> events = Events.ReadAll(reader);

        Assert.Equal("XYZ", reader.Instrument.Symbol);
        Assert.Equal(MidnightNewYorkNs + 1_000_000_000, events[1].LocalTime);
        var book = new OrderBook();
        foreach (MarketEvent e in events.Where(e => e.LocalTime <= MidnightNewYorkNs + 2_000_000_000))
        {
            book.Apply(in e);
        }

        Assert.Equal(new BookLevel(1000, 500), book.Best(Side.Buy));   // P 300 + Q 200 at 10.00
        Assert.Equal(new BookLevel(1001, 100), book.Best(Side.Sell));
        foreach (MarketEvent e in events.Where(e => e.LocalTime > MidnightNewYorkNs + 2_000_000_000 && e.Kind != MarketEventKind.Trade))
        {
            book.Apply(in e);
        }

        Assert.Equal(new BookLevel(1001, 100), book.Best(Side.Buy));
        Assert.Equal(new BookLevel(1002, 500), book.Best(Side.Sell));
        Assert.Equal(1, reader.StaleQuotesDropped);
        Assert.Equal(1, reader.SuspiciousRows);
        MarketEvent[] trades = [.. events.Where(e => e.Kind == MarketEventKind.Trade)];
        Assert.Equal([Side.Buy, Side.Sell, Side.Buy], trades.Select(t => t.Side));
        Assert.Equal([1001L, 1000L, 1002L], trades.Select(t => t.Price));
        Assert.Equal([100L, 100L, 50L], trades.Select(t => t.Size));
    }

    [Fact]
    public void ABadRowNamesItsOwnFileAndLine()
    {
        string path = Day(["1000,100000,300,0,0,P,1,0"], ["900,100000,100,P,0,0", "950,abc,100,P,0,0"]);
        using var reader = new LeanEquityReader(path);
        var e = Assert.Throws<DataFormatException>(() => Events.ReadAll(reader));

        Assert.EndsWith("20131007_trade.zip", e.File, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
        Assert.Equal("price", e.Field);
    }

    [SharedDataTheory]
    [InlineData("bac", null, 88_172 + 125_872)]
    [InlineData("aig", "20131007", 25_351)]
    public void RealDaysReadInOrderWithEveryTradeAndANeverCrossedNbbo(string symbol, string? day, int trades)
    {
        using var reader = new LeanEquityReader(SharedData.LeanEquity(symbol, day));
        var book = new OrderBook();
        var buffer = new MarketEvent[4096];
        long tradeCount = 0, crossed = 0, last = long.MinValue;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            foreach (MarketEvent e in buffer.AsSpan(0, n))
            {
                Assert.True(e.LocalTime >= last);
                last = e.LocalTime;
                book.Apply(in e);
                tradeCount += e.Kind == MarketEventKind.Trade ? 1 : 0;
                if (e.IsEndOfBatch && book.Best(Side.Buy).Size > 0 && book.Best(Side.Sell).Size > 0 && book.Best(Side.Buy).Price >= book.Best(Side.Sell).Price)
                {
                    crossed++;
                }
            }
        }

        Assert.Equal(symbol.ToUpperInvariant(), reader.Instrument.Symbol);
        Assert.Equal(trades, tradeCount);
        Assert.Equal(0, crossed);
        Assert.Equal(0, reader.BadRows.Total);

        // A day ends at 20:00 New York (the files run to 20:00:00.097): 2013-10-08 or -09 00:00 UTC.
        long end = day is null ? 1_381_276_800L : 1_381_190_400L;
        Assert.InRange(last, (end - 60) * 1_000_000_000, (end + 1) * 1_000_000_000);
    }
}
