using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Simulation.Replay;
using MarketMaking.Simulation.Tests.Replay;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Simulation.Tests.Hedging;

/// <summary>Dynamic portfolio limits in a hedged run: limit_t = base × min(1, σ_ref/σ_t), σ_t an EWMA of the sampled log returns.</summary>
public class HedgePortfolioLimitsTests
{
    [Fact]
    public void TheLimitAtEachStepIsTheBaseScaledByTheReferenceOverTheEwmaVolatility()
    {
        // Half-life 1 s, a return a second: λ = 1/2. Quoted mids 100, 101, 100, 110; the hedge flat at 50.
        var limits = new HedgePortfolioLimits(new PortfolioRiskLimits
        {
            Instruments = [new InstrumentExposureLimit(1000, VolatilityReference: 0.01), new InstrumentExposureLimit(double.PositiveInfinity)],
            VolatilityHalfLife = TimeSpan.FromSeconds(1),
        });
        double[] mids = [100, 101, 100, 110];
        double r1 = Math.Log(1.01), r2 = Math.Log(100 / 101.0), r3 = Math.Log(1.1);
        double[] variances = [double.NaN, r1 * r1, (0.5 * r1 * r1) + (0.5 * r2 * r2), (0.5 * ((0.5 * r1 * r1) + (0.5 * r2 * r2))) + (0.5 * r3 * r3)];
        double[] expected = [1000, 1000, 1000, 1000 * 0.01 / Math.Sqrt(variances[3])]; // σ₁ = σ₂ = 0.00995 < 0.01: not shrunk
        for (int k = 0; k < mids.Length; k++)
        {
            limits.Observe(k * 1_000_000_000L, mids[k], 50);
            if (k == 0)
            {
                Assert.True(double.IsNaN(limits.Volatility(0))); // no return yet: the limit is the base
            }
            else
            {
                Assert.Equal(Math.Sqrt(variances[k]), limits.Volatility(0), 12);
            }

            Assert.Equal(expected[k], limits.InstrumentLimit(0), 9);
        }

        Assert.Equal(147.6, limits.InstrumentLimit(0), 1);
        limits.Mark(0, 110, 0, 50);
        Assert.False(limits.Allows(0, 2, 110));  // 220 above 147.6
        Assert.True(limits.Allows(0, 1, 110));   // 110 within
        Assert.True(limits.Allows(3, 2, 110));   // toward flat always passes
        Assert.Equal(1, limits.Refusals);
        Assert.Equal(0.01 / Math.Sqrt(variances[3]), limits.SmallestScale, 12);
    }

    [Fact]
    public void WithTwoHedgesTheGrossNotionalAndTheNetExposureCountBothHedgeLegs()
    {
        // Quoted 10 at 100 (1,000); hedges −16 at 50 (−800) and −2 at 300 (−600): gross 2,400, net −400.
        var gross = new HedgePortfolioLimits(new PortfolioRiskLimits { MaxGrossNotional = 2_450 }, hedges: 2);
        var net = new HedgePortfolioLimits(new PortfolioRiskLimits { MaxNetExposure = 50 }, hedges: 2);
        var firstHedgeOnly = new HedgePortfolioLimits(new PortfolioRiskLimits { MaxGrossNotional = 2_450 });
        foreach (HedgePortfolioLimits limits in new[] { gross, net })
        {
            limits.Mark(10, 100, [-16, -2], [50, 300]);
        }

        firstHedgeOnly.Mark(10, 100, -16, 50);

        // Buying to 11: gross 1,100 + 800 + 600 = 2,500 > 2,450, crossed only because the second hedge's 600 counts
        // (1,100 + 800 = 1,900 with the first alone); to 10.5: 1,050 + 1,400 = 2,450, at the limit.
        Assert.False(gross.Allows(10, 11, 100));
        Assert.True(firstHedgeOnly.Allows(10, 11, 100));
        Assert.True(gross.Allows(10, 10.5, 100));

        // Net: 1,100 − 800 − 600 = −300, within 50? no: |−300| > 50; the quoted leg long 14: 1,400 − 1,400 = 0 passes.
        Assert.False(net.Allows(10, 11, 100));
        Assert.True(net.Allows(10, 14, 100));
        Assert.Equal((1, 1), (gross.Refusals, net.Refusals));
        Assert.Throws<ArgumentException>(() => new HedgePortfolioLimits(new PortfolioRiskLimits { Instruments = [new InstrumentExposureLimit(1), new InstrumentExposureLimit(1)] }, hedges: 2));
    }

    [Fact]
    public void AVolatilityBurstMakesTheGateRefuseQuotesItAcceptsAtTheBaseLimit()
    {
        (long refusedDynamic, long counted) = Run(burst: true, reference: 0.005);
        (long refusedBase, _) = Run(burst: true, reference: double.PositiveInfinity);
        (long refusedCalm, _) = Run(burst: false, reference: 0.005);

        // The jump fills our ask (q = −1); a second lot short, 2,200, is within the base 2,500, but after
        // the 10% jump σ_t ≈ 0.067 shrinks the limit to 2,500·0.005/0.067 ≈ 185 (741 four seconds later).
        Assert.True(refusedDynamic > 0, "the burst shrank the limit below one lot's exposure");
        Assert.Equal(refusedDynamic, counted);
        Assert.Equal(0, refusedBase);
        Assert.Equal(0, refusedCalm);
    }

    /// <summary>A fixed 20 bp maker (one lot a side) on a quoted book whose mid alternates 1000/1001 each second, jumping to 1100 at 5 s when bursting.</summary>
    private static (long GateRefusals, long LimitRefusals) Run(bool burst, double reference)
    {
        var quoted = new EventScript();
        var hedge = new EventScript();
        long previous = 0;
        for (int i = 0; i < 10; i++)
        {
            long mid = burst && i >= 5 ? 1100 : 1000 + (i % 2);
            hedge.Book(i * 1000, (Side.Buy, 49, 1000), (Side.Sell, 51, 1000));
            (Side, long, long)[] clear = previous == 0 ? [] : [(Side.Buy, previous - 1, 0), (Side.Sell, previous + 1, 0)];
            quoted.Book((i * 1000) + 1, [.. clear, (Side.Buy, mid - 1, 1000), (Side.Sell, mid + 1, 1000)]);
            previous = mid;
        }

        var venue = new HedgeVenue(new MergedMarketEvents([quoted, hedge]), new Instrument("HEDGE", 1, 1), new ConstantLatency(0, 0));
        var limits = new HedgePortfolioLimits(new PortfolioRiskLimits
        {
            Instruments = [new InstrumentExposureLimit(2500, reference), new InstrumentExposureLimit(double.PositiveInfinity)],
            VolatilityHalfLife = TimeSpan.FromSeconds(1),
        });
        var hedger = new PortfolioHedger(venue, new HedgeSettings { Mode = HedgeMode.None, SampleInterval = 1_000_000_000 }, limits);
        var market = new ReplayMarket(venue, new ReplaySettings { RequoteInterval = 0 });
        RunResult result = EventLoop.Run(market, new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps: 20)), new RunSettings { Observer = hedger, Portfolio = limits });
        return (result.Rejections.GetValueOrDefault(RejectReason.PortfolioLimit), limits.Refusals);
    }
}
