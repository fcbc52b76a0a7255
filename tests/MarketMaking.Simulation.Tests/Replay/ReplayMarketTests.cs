using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Replay;

public class ReplayMarketTests
{
    private static EventScript Opening(double feedLatencyMs = 0) =>
        new EventScript(feedLatencyMs).Book(0, (Side.Buy, 99, 5), (Side.Sell, 101, 5));

    private static ReplayMarket Market(EventScript script, long latencyNs = 0, long cancelNs = 0) =>
        new(script, new ReplaySettings { RequoteInterval = 0, Latency = new ConstantLatency(latencyNs, cancelNs) });

    [Fact]
    public void OurBidFillsOnceTheQueueAheadHasTraded()
    {
        EventScript script = Opening()
            .Trade(1, Side.Sell, 99, 3)  // 5 ahead → 2
            .Trade(2, Side.Sell, 99, 3)  // → −1: one of our two lots
            .Trade(3, Side.Sell, 99, 4); // → the other lot
        ReplayMarket market = Market(script);
        var fills = new List<Fill>();
        market.Submit(Side.Buy, 99, 2);

        market.Advance(fills);
        Assert.Empty(fills);
        market.Advance(fills);
        Assert.Equal(new Fill(0.002, 1, Side.Buy, 99, 1, 0, true, 100), Assert.Single(fills));
        market.Advance(fills);
        Assert.Equal(2, fills.Count);
        Assert.Equal(1, fills[1].Quantity);
        Assert.Equal(2, market.Statistics.FillsByQueue);
    }

    [Fact]
    public void ATradeThroughOurPriceFillsUsInFull()
    {
        ReplayMarket market = Market(Opening().Trade(1, Side.Buy, 102, 1));
        var fills = new List<Fill>();
        market.Submit(Side.Sell, 101, 3); // at the back of 5 at 101, but the buyer paid 102
        market.Advance(fills);
        Fill fill = Assert.Single(fills);
        Assert.Equal((Side.Sell, 101.0, 3.0), (fill.Side, fill.Price, fill.Quantity));
        Assert.Equal(1, market.Statistics.FillsThroughTradedPrice);
    }

    [Fact]
    public void AnOrderRestsOnlyAfterItsLatency()
    {
        // Entry latency 5 ms: a trade stamped at the exchange 3 ms after our decision cannot touch us.
        EventScript script = Opening().Book(1, (Side.Buy, 100, 1)).Trade(4, Side.Sell, 100, 5).Trade(7, Side.Sell, 100, 5);
        ReplayMarket market = Market(script, latencyNs: EventScript.Ns(5));
        var fills = new List<Fill>();
        market.Advance(fills); // to the end of the message at 1 ms: a bid of 1 at 100 now rests ahead of us
        market.Submit(Side.Buy, 100, 1);
        market.Advance(fills);
        Assert.Empty(fills); // the trade at 4 ms came before our order arrived at 6 ms
        market.Advance(fills);
        Assert.Single(fills); // at 7 ms we rest behind the 1 lot: 5 traded, we fill
    }

    [Fact]
    public void AnOrderWaitsItsLatencyWhenTheRecordersClockIsBehindTheExchanges()
    {
        // The recorder stamps receipt 1 s before the exchange's own times (feed "latency" −1,000 ms,
        // as Binance's recorder does by 1.27 s): on the receive clock every later exchange time is
        // past an order's arrival, so without the shift the trade at 4 ms would fill an order sent
        // at 1 ms with 5 ms of latency. Put on the exchange's clock, the order arrives at 6 ms.
        EventScript script = new EventScript(feedLatencyMs: -1000).Book(0, (Side.Buy, 99, 5), (Side.Sell, 101, 5))
            .Book(1, (Side.Buy, 100, 1)).Trade(4, Side.Sell, 100, 5).Trade(7, Side.Sell, 100, 5);
        ReplayMarket market = Market(script, latencyNs: EventScript.Ns(5));
        var fills = new List<Fill>();
        market.Advance(fills);
        market.Submit(Side.Buy, 100, 1);
        market.Advance(fills);
        Assert.Empty(fills);
        market.Advance(fills);
        Assert.Single(fills);
        Assert.Equal(EventScript.Ns(1000), market.Statistics.ClockShift);
    }

    [Fact]
    public void AReceiveClockAheadOfTheExchangesIsLeftAsItIs()
    {
        // A positive delay is the feed's own travel time, not an offset: nothing is shifted.
        ReplayMarket market = Market(Opening(feedLatencyMs: 10).Trade(5, Side.Sell, 99, 1));
        market.Advance([]);
        Assert.Equal(0, market.Statistics.ClockShift);
    }

    [Fact]
    public void MoreOrdersThanThePoolHeldAtFirstCanTravelAtOnce()
    {
        // A 10 s latency with a requote every message keeps hundreds of orders travelling (the pool
        // starts at 64); the 200th still arrives and fills.
        EventScript script = Opening();
        for (int i = 1; i <= 200; i++)
        {
            script.Book(i, (Side.Buy, 99, 5));
        }

        script.Trade(20_000, Side.Sell, 90, 10_000);
        ReplayMarket market = Market(script, latencyNs: EventScript.Ns(10_000));
        var fills = new List<Fill>();
        for (int i = 0; i < 200; i++)
        {
            market.Submit(Side.Buy, 98, 1);
            market.Advance(fills);
        }

        while (!market.IsFinished)
        {
            market.Advance(fills);
        }

        Assert.Equal(200, fills.Sum(f => f.Quantity));
    }

    [Fact]
    public void ACancelInFlightCanStillBeFilled()
    {
        EventScript script = Opening().Book(1, (Side.Sell, 101, 5)).Trade(2, Side.Buy, 102, 1).Trade(3, Side.Buy, 102, 1);
        ReplayMarket market = Market(script, cancelNs: EventScript.Ns(2.5));
        var fills = new List<Fill>();
        long id = market.Submit(Side.Sell, 101, 1);
        market.Advance(fills);
        market.Cancel(id); // at 1 ms, effective at 3.5 ms
        market.Advance(fills);
        Assert.Single(fills); // the sweep at 2 ms beat the cancel
    }

    [Fact]
    public void AnOrderThatWouldCrossIsRefusedAndABookMovingThroughUsFills()
    {
        EventScript script = Opening().Book(1, (Side.Buy, 99, 5)).Book(2, (Side.Sell, 101, 0), (Side.Sell, 100, 2));
        ReplayMarket market = Market(script);
        var fills = new List<Fill>();
        market.Submit(Side.Buy, 101, 1);  // at the ask: would take liquidity
        market.Submit(Side.Buy, 100, 1);  // improves the bid
        market.Advance(fills);
        Assert.Equal(1, market.Statistics.OrdersRejectedAsCrossing);
        market.Advance(fills); // the ask drops to our bid without a trade we saw
        Fill fill = Assert.Single(fills);
        Assert.Equal(100, fill.Price);
        Assert.Equal(1, market.Statistics.FillsByBookCrossing);
    }

    [Fact]
    public void StrategiesSeeOnlyWhatHadBeenReceived()
    {
        // Feed latency 10 ms. At its decision at 20 ms local time (10 ms after the first) the strategy
        // is told the future: it bids exactly at the price of the next sell print. That print was
        // stamped at the exchange at 15 ms, before the order could arrive (20 ms), and is received
        // only at 25 ms: the order cannot have been resting for it, so foresight earns nothing.
        EventScript script = Opening(feedLatencyMs: 10)
            .Book(10, (Side.Buy, 98, 1))       // received at 20 ms: decision here
            .Trade(15, Side.Sell, 97, 50)      // stamped 15 ms, received 25 ms: a sweep down to 97
            .Book(16, (Side.Buy, 99, 0), (Side.Buy, 98, 0), (Side.Buy, 96, 4));
        var peeking = new PeekingStrategy(bid: 97, from: 0.010);
        RunResult result = EventLoop.Run(Market(script), peeking, new RunSettings());

        Assert.Equal(0, result.Metrics.Fills);

        // And every decision saw exactly the book received so far.
        // (times from the first decision, 10 ms local).
        Assert.Equal([(0.0, 100.0), (0.01, 100.0), (0.015, 100.0), (0.016, 98.5)], peeking.Seen);
    }

    [Fact]
    public void TheSameForesightFillsWhenThePrintComesAfterTheOrderArrives()
    {
        // Control for the test above: a print stamped after the decision does reach the order.
        EventScript script = Opening(feedLatencyMs: 10).Book(10, (Side.Buy, 98, 1)).Trade(25, Side.Sell, 97, 50);
        RunResult result = EventLoop.Run(Market(script), new PeekingStrategy(bid: 97, from: 0.010), new RunSettings());
        Assert.Equal(1, result.Metrics.Fills);
    }

    /// <summary>From time <c>from</c> on, bids at a price it knows a seller will reach; records what it was shown.</summary>
    private sealed class PeekingStrategy(double bid, double from) : IQuotingStrategy
    {
        public List<(double Time, double Mid)> Seen { get; } = [];

        public string Name => "peeking";

        public QuoteDecision Decide(in QuoteContext context)
        {
            Seen.Add((Math.Round(context.Time, 9), context.Mid));
            return context.Time >= from - 1e-12 ? QuoteDecision.TwoSided(bid, double.NaN, 1) : QuoteDecision.None;
        }
    }
}
