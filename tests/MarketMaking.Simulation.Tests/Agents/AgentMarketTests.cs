using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Agents;

public class AgentMarketTests
{
    private static readonly AgentMarketParameters Quick = new() { Duration = 120, WarmUp = 30 };

    [Fact]
    public void SameSeedSameMarketOtherSeedOtherMarket()
    {
        static (long Events, double Mid, double Pnl) Run(ulong seed)
        {
            var market = new AgentMarket(Quick, seed);
            RunResult result = EventLoop.Run(market, StrategyCatalog.Create("glft", new StrategySettings { Sigma = 0.05, A = 5, Kappa = 20 }), new RunSettings());
            return (market.Events, market.Mid, result.Metrics.NetPnl);
        }

        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
    }

    [Fact]
    public void TheBookIsNeverCrossedAndTimeEndsAtTheHorizon()
    {
        var market = new AgentMarket(Quick, 3);
        var fills = new List<Fill>();
        int steps = 0;
        while (!market.IsFinished)
        {
            market.Advance(fills);
            steps++;
            var (bid, ask) = (market.Book.Best(Side.Buy), market.Book.Best(Side.Sell));
            Assert.True(bid.IsEmpty || ask.IsEmpty || bid.Price < ask.Price);
        }

        Assert.Equal(120, market.Time, 9);
        Assert.Equal(1200, steps); // a decision every 0.1 s, nothing of ours to fill
    }

    [Fact]
    public void OurOrderRestsOnlyAfterTheEntryLatencyAndCrossingOrdersAreRefused()
    {
        var market = new AgentMarket(Quick with { Latency = new LatencyParameters { Entry = 0.5, Feed = 0 } }, 5);
        var fills = new List<Fill>();
        long bid = market.Book.Best(Side.Buy).Price;
        double farBid = (bid - 40) * Quick.TickSize; // far below the touch: nothing will fill it
        long before = market.Book.SizeAt(Side.Buy, bid - 40);
        market.Submit(Side.Buy, farBid, 1);
        market.Submit(Side.Buy, market.Book.Best(Side.Sell).Price * Quick.TickSize + 1, 1); // far through the ask

        for (int i = 0; i < 4; i++)
        {
            market.Advance(fills); // 0.4 s: not arrived yet
        }

        Assert.Equal(before, market.Book.SizeAt(Side.Buy, bid - 40));
        market.Advance(fills);
        market.Advance(fills); // 0.6 s: both arrived
        Assert.Equal(1, market.OrdersRefusedAsCrossing);
        Assert.True(market.Book.SizeAt(Side.Buy, bid - 40) >= 1);
        Assert.Empty(fills);
    }

    [Fact]
    public void RecordedLatencySamplesReplaceTheEntryLatency()
    {
        // Every sample is 0.35 s: the order is not in the book after 0.3 s, and is after 0.4 s.
        var market = new AgentMarket(Quick with { Latency = new LatencyParameters { Entry = 0, Feed = 0, Samples = [0.35, 0.35] } }, 5);
        var fills = new List<Fill>();
        long price = market.Book.Best(Side.Buy).Price - 40;
        long before = market.Book.SizeAt(Side.Buy, price);
        market.Submit(Side.Buy, price * Quick.TickSize, 1);
        for (int i = 0; i < 3; i++)
        {
            market.Advance(fills);
        }

        Assert.Equal(before, market.Book.SizeAt(Side.Buy, price));
        market.Advance(fills);
        Assert.Equal(before + 1, market.Book.SizeAt(Side.Buy, price));
        Assert.Equal("latency.samples", Assert.Throws<InvalidParameterException>(() => new AgentMarket(Quick with { Latency = new LatencyParameters { Samples = [-1] } }, 1)).Parameter);
    }

    [Fact]
    public void WeSeeTheTopOfBookAsItWasOneFeedLatencyAgo()
    {
        // Feed latency 2 s: the mid shown at t is the book's mid at t − 2 (decisions fall on 0.1 s steps).
        var market = new AgentMarket(Quick with { Latency = new LatencyParameters { Feed = 2 } }, 11);
        var fills = new List<Fill>();
        var bookMids = new List<double>();
        bool lagged = false;
        for (int step = 0; step < 300; step++)
        {
            market.Advance(fills);
            long bid = market.Book.Best(Side.Buy).Price, ask = market.Book.Best(Side.Sell).Price;
            bookMids.Add((bid + ask) * 0.5 * Quick.TickSize);
            if (step >= 20)
            {
                Assert.Equal(bookMids[step - 20], market.Mid, 9);
                lagged |= bookMids[step - 20] != bookMids[step];
            }
        }

        Assert.True(lagged, "the market moved, so the lag showed");
    }

    [Fact]
    public void MarketOrdersTradeNoFurtherThanTheSweepLimitFromTheLastTrade()
    {
        var tape = new Tape();
        var market = new AgentMarket(Quick with { SweepLimitTicks = 2, Informed = new InformedTraderParameters { Rate = 2, Size = 50 } }, 13) { Observer = tape };
        var fills = new List<Fill>();
        while (!market.IsFinished)
        {
            market.Advance(fills);
        }

        Assert.True(tape.Trades > 500, $"{tape.Trades} trades");
        Assert.Equal(0, tape.Violations);
    }

    [Theory]
    [InlineData("noise.placement_decay")]
    [InlineData("sweep_limit_ticks")]
    [InlineData("clustering.branching_ratio")]
    public void BadParametersNameTheirKey(string key)
    {
        AgentMarketParameters bad = key switch
        {
            "noise.placement_decay" => Quick with { Noise = new NoiseTraderParameters { PlacementDecay = 0 } },
            "sweep_limit_ticks" => Quick with { SweepLimitTicks = 0 },
            _ => Quick with { Clustering = new ClusteringParameters { BranchingRatio = 1 } },
        };
        Assert.Equal(key, Assert.Throws<InvalidParameterException>(() => new AgentMarket(bad, 1)).Parameter);
    }

    /// <summary>Checks every trade of a market order against the last trade price before the order.</summary>
    private sealed class Tape : IAgentMarketObserver
    {
        private long _lastTrade;
        private long _reference;
        private bool _inOrder;

        public long Trades { get; private set; }

        public long Violations { get; private set; }

        public void OnTrade(double time, Side aggressor, long price, long size)
        {
            if (_lastTrade == 0)
            {
                _lastTrade = price; // attached after the warm-up: the first trade sets the reference
                return;
            }

            Trades++;
            if (!_inOrder)
            {
                _inOrder = true;
                _reference = _lastTrade;
            }

            long through = aggressor == Side.Buy ? price - _reference : _reference - price;
            if (through > 2)
            {
                Violations++;
            }

            _lastTrade = price;
        }

        public void OnMarketOrder(double time, Side side, long size, double midBefore, double midAfter) => _inOrder = false;

        public void OnTopOfBook(double time, long bid, long ask)
        {
        }
    }
}
