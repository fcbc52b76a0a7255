using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Arbitrage;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Simulation.Tests.Replay;

namespace MarketMaking.Simulation.Tests.Arbitrage;

/// <summary>
/// Two hand-written books of one asset (tick 1, lot 1 coin), taker fees 10 bp on A and 20 bp on B.
/// 0 ms A: bids 100×5, 99×10, ask 101×5. 1 ms B: bid 99×5, ask 100×5 (A's bid at B's ask loses the
/// fees: no crossing). 2 ms B: bid 96×5, asks 98×3, 99×4: selling A at 100 and buying B at 98 earns
/// 99.9/98.196 − 1; walking the books, 3 at (100, 98) earn 1.704 each and 2 at (100, 99) 0.702:
/// 5 coins, 6.516. 3 ms A: bid 100 gone; 99 against 98 still earns (98.901 > 98.196) on 3 coins.
/// 5 ms B: ask 98 gone; 98.901 &lt; 99.198: closed after 3 ms. 6 ms A: bid 105×1, asks 106: a second
/// episode, still open when the data ends.
/// </summary>
public class ArbitrageScannerTests
{
    [Fact]
    public void EpisodesOfAHandBuiltPairOpenCloseAndMeasureTheirEdgeAndSizeAfterFees()
    {
        ArbitrageScanner scanner = Scan(0.001, 0.002, taker: null);

        Assert.Equal(2, scanner.Episodes.Count);
        ArbitrageEpisode first = scanner.Episodes[0];
        Assert.Equal((0, 1), (first.SellVenue, first.BuyVenue));
        Assert.Equal((EventScript.Ns(2), EventScript.Ns(5)), (first.Start, first.End));
        Assert.Equal(0.003, first.Seconds, 12);
        Assert.Equal((100 * 0.999 / (98 * 1.002)) - 1, first.EdgeAtStart, 12);
        Assert.Equal(first.EdgeAtStart, first.BestEdge, 12);
        Assert.Equal(5, first.SizeAtStart, 12);
        Assert.Equal(5, first.MaxSize, 12);
        Assert.Equal((3 * ((100 * 0.999) - (98 * 1.002))) + (2 * ((100 * 0.999) - (99 * 1.002))), first.ProfitAtStart, 9);
        Assert.False(first.OpenAtEnd);

        ArbitrageEpisode second = scanner.Episodes[1];
        Assert.Equal((0, 1, EventScript.Ns(6), EventScript.Ns(6), true), (second.SellVenue, second.BuyVenue, second.Start, second.End, second.OpenAtEnd));
        Assert.Equal((105 * 0.999 / (99 * 1.002)) - 1, second.EdgeAtStart, 12);
        Assert.Equal(1, second.SizeAtStart, 12);
    }

    [Fact]
    public void WithoutFeesAnEqualBidAndAskIsNoArbitrage()
    {
        ArbitrageScanner scanner = Scan(0, 0, taker: null);

        // A's bid 100 against B's ask 100 at 1 ms earns nothing; the first episode closes at 5 ms when 99 meets 99.
        ArbitrageEpisode first = scanner.Episodes[0];
        Assert.Equal((EventScript.Ns(2), EventScript.Ns(5)), (first.Start, first.End));
        Assert.Equal((100.0 / 98) - 1, first.EdgeAtStart, 12);
        Assert.Equal(5, first.SizeAtStart, 12); // 3 at +2, 2 at +1; A's 99 against B's 99 stops the walk
        Assert.Equal((3 * 2) + (2 * 1), first.ProfitAtStart, 12);
        Assert.All(scanner.Episodes, e => Assert.Equal(0, e.SellVenue));
    }

    [Fact]
    public void NoCrossingIsReportedWhenTheFeesExceedThePriceDifference()
    {
        // Bid 100.00 on A, ask 99.90 on B: 10 bp apart. Without fees a crossing; with 5 bp and 6 bp none.
        static ArbitrageScanner Run(double feeA, double feeB)
        {
            var a = new EventScript().Book(0, (Side.Buy, 10000, 5), (Side.Sell, 10010, 5));
            var b = new EventScript().Book(1, (Side.Buy, 9980, 5), (Side.Sell, 9990, 5));
            var scanner = new ArbitrageScanner(new MergedMarketEvents([a, b]), [Venue("A", 0.01, feeA), Venue("B", 0.01, feeB)]);
            scanner.Run();
            return scanner;
        }

        Assert.Single(Run(0, 0).Episodes);
        Assert.Equal((100 * 0.9995 / (99.9 * 1.0005)) - 1, Run(0.0005, 0.0005).Episodes[0].EdgeAtStart, 12); // 5.0e-7: still above
        Assert.Empty(Run(0.0005, 0.0006).Episodes);
    }

    [Fact]
    public void TakingSendsBothLegsWithTheirLatencyAndEachWalksItsBookAsItStandsOnArrival()
    {
        var taker = new ArbitrageTaker([Venue("A", 1, 0.001), Venue("B", 1, 0.002)], new ConstantLatency(EventScript.Ns(1.5), EventScript.Ns(1.5)), maxSize: 4);
        Scan(0.001, 0.002, taker);

        Assert.Equal(2, taker.Takes.Count);
        ArbitrageTake take = taker.Takes[0];
        Assert.Equal((0, 1, EventScript.Ns(2), 4.0), (take.SellVenue, take.BuyVenue, take.DecidedAt, take.Requested));

        // Sent at 2 ms, arriving at 3.5 ms: the sell crosses A at its 6 ms message (bid 100 went at 3 ms): 4 @ 99.
        HedgeExecution sell = take.Sell!.Value;
        Assert.Equal((EventScript.Ns(6), Side.Sell, 4.0, 99.0, 99.0, 1), (sell.ExecutedAt, sell.Side, sell.Quantity, sell.AveragePrice, sell.Touch, sell.LevelsTaken));
        Assert.Equal(0.001 * 99 * 4, sell.Fee, 12);
        Assert.Equal((100.5 - 100) * 4, sell.DelayCost, 12); // A's mid 100.5 → 100 while it travelled: against a sell

        // The buy crosses B at its 5 ms message, the book of 2 ms: 3 @ 98 and 1 @ 99.
        HedgeExecution buy = take.Buy!.Value;
        Assert.Equal((EventScript.Ns(5), Side.Buy, 4.0, 98.25, 98.0, 2), (buy.ExecutedAt, buy.Side, buy.Quantity, buy.AveragePrice, buy.Touch, buy.LevelsTaken));
        Assert.Equal(0.002 * 393, buy.Fee, 12);
        Assert.Equal(((396 - 0.396) / (393 + 0.786)) - 1, take.RealizedEdge, 12);

        // The 6 ms episode is sent once the first take has landed, and is still travelling at the end.
        Assert.Equal(1.0, taker.Takes[1].Requested, 12);
        Assert.Equal(2, taker.PendingCount);
        Assert.Equal(0, taker.SkippedBusy);
    }

    [Fact]
    public void AnInverseVenueCountsItsContractsInCoinsAtEachPrice()
    {
        var venue = Venue("COIN", 0.01, 0, faceValue: 10);
        Assert.Equal(3 * 10 / 2500.0, venue.Coins(3, 250000), 12);
        Assert.Equal(2, venue.LotsOf(0.0099, 250000)); // 0.0099 · 2500 / 10 = 2.475 contracts
        Assert.Equal(0.25, Venue("LIN", 0.01, 0, lot: 0.05).Coins(5, 1), 12);
    }

    private static ArbitrageVenue Venue(string symbol, double tick, double fee, double faceValue = 0, double lot = 1) =>
        new(new Instrument(symbol, tick, lot, takerFeeRate: fee), faceValue);

    private static ArbitrageScanner Scan(double feeA, double feeB, ArbitrageTaker? taker)
    {
        var a = new EventScript()
            .Book(0, (Side.Buy, 100, 5), (Side.Buy, 99, 10), (Side.Sell, 101, 5))
            .Book(3, (Side.Buy, 100, 0))
            .Book(6, (Side.Buy, 105, 1), (Side.Sell, 101, 0), (Side.Sell, 106, 5));
        var b = new EventScript()
            .Book(1, (Side.Buy, 99, 5), (Side.Sell, 100, 5))
            .Book(2, (Side.Buy, 99, 0), (Side.Sell, 100, 0), (Side.Buy, 96, 5), (Side.Sell, 98, 3), (Side.Sell, 99, 4))
            .Book(5, (Side.Sell, 98, 0));
        var scanner = new ArbitrageScanner(new MergedMarketEvents([a, b]), [Venue("A", 1, feeA), Venue("B", 1, feeB)], taker);
        scanner.Run();
        return scanner;
    }
}
