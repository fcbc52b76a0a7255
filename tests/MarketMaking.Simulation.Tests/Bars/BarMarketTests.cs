using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Bars;

public class BarMarketTests
{
    private const long Minute = 60_000_000_000;
    private static readonly Instrument Coin = new("COIN", tickSize: 0.5, lotSize: 1, makerFeeRate: 0.0002);

    // Quotes 99 / 101 around a mid of 100 on every bar.
    private static readonly Bar[] Bars =
    [
        new(0, 100, 101, 99, 100, 10),          // touches both quotes, trades through neither
        new(Minute, 100, 100.5, 98, 99, 10),     // through the bid only
        new(2 * Minute, 99, 102, 99.5, 101, 10), // through the ask only
    ];

    [Fact]
    public void ThroughRuleFillsOnlyWhenTheBarTradesPastTheQuote()
    {
        var market = new BarMarket(Bars, Coin, new BarSettings());
        var fills = new List<Fill>();
        market.Submit(Side.Buy, 99, 1);
        market.Submit(Side.Sell, 101, 1);
        market.Advance(fills);
        Assert.Empty(fills);
        Assert.Equal(100, market.Mid);
        Assert.Equal(60, market.Time);

        market.Advance(fills);
        Fill buy = Assert.Single(fills);
        Assert.Equal((Side.Buy, 99.0, 1.0, 0.0198), (buy.Side, buy.Price, buy.Quantity, Math.Round(buy.Fee, 10))); // 0.0002·99
        market.Advance(fills);
        Assert.Equal(Side.Sell, fills[1].Side);
        Assert.True(market.IsFinished);
        Assert.Equal(180, market.Time);
    }

    [Fact]
    public void TouchRuleAndSlippage()
    {
        var market = new BarMarket(Bars, Coin, new BarSettings { FillRule = BarFillRule.Touch, SlippageBps = 10 });
        var fills = new List<Fill>();
        market.Submit(Side.Buy, 99, 1);
        market.Submit(Side.Sell, 101, 1);
        market.Advance(fills);

        // Both touched; 10 bp against us: buy 99·1.001 = 99.099, sell 101·0.999 = 100.899.
        Assert.Equal([99.099, 100.899], fills.OrderBy(f => f.Side).Select(f => Math.Round(f.Price, 9)));
    }

    [Fact]
    public void TouchProbabilityIsSeededAndFillsAboutThatShare()
    {
        var bars = Enumerable.Range(0, 4000).Select(i => new Bar(i * Minute, 100, 101, 99, 100, 1)).ToArray();
        int Count(int seed)
        {
            var market = new BarMarket(bars, Coin, new BarSettings { FillRule = BarFillRule.TouchWithProbability, TouchFillProbability = 0.3, Seed = seed });
            var fills = new List<Fill>();
            while (!market.IsFinished)
            {
                long id = market.Submit(Side.Buy, 99, 1);
                market.Advance(fills);
                market.Cancel(id);
            }

            return fills.Count;
        }

        int first = Count(7);
        Assert.Equal(first, Count(7));
        Assert.InRange(first, (0.3 * 4000) - (5 * Math.Sqrt(4000 * 0.21)), (0.3 * 4000) + (5 * Math.Sqrt(4000 * 0.21)));
    }

    [Fact]
    public void FixedSpreadRunsThroughTheEventLoopEveryNBars()
    {
        // update_freq of 2 bars: quotes are set on bars 0, 2, ... and stay in between.
        var bars = Enumerable.Range(0, 6).Select(i => new Bar(i * Minute, 100, 100.2, 99.8, 100, 1)).ToArray();
        var counter = new CountingStrategy();
        RunResult result = EventLoop.Run(new BarMarket(bars, Coin, new BarSettings()), counter, new RunSettings { DecisionInterval = 120 });
        Assert.Equal(3, counter.Decisions);
        Assert.Equal(0, result.Metrics.Fills);
    }

    [Fact]
    public void EmptyFileAndTimeGoingBackAreNamed()
    {
        Assert.Equal("data", Assert.Throws<MarketMaking.Core.Errors.InvalidParameterException>(() => new BarMarket([], Coin, new BarSettings())).Parameter);
        var market = new BarMarket([new Bar(Minute, 1, 1, 1, 1, 1), new Bar(0, 1, 1, 1, 1, 1)], Coin, new BarSettings());
        Assert.Throws<MarketMaking.Core.Errors.InvalidParameterException>(() => market.Advance([]));
    }

    private sealed class CountingStrategy : IQuotingStrategy
    {
        public int Decisions { get; private set; }

        public string Name => "counting";

        public QuoteDecision Decide(in QuoteContext context)
        {
            Decisions++;
            return QuoteDecision.TwoSided(context.Mid - 1, context.Mid + 1, 1);
        }
    }
}
