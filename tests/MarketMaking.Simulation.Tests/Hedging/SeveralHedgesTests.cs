using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Simulation.Replay;
using MarketMaking.Simulation.Tests.Replay;

namespace MarketMaking.Simulation.Tests.Hedging;

/// <summary>
/// One quoted instrument hedged with two, one message a second. Hedge mids 10, 20, 20, 40, 20 and
/// 10, 10, 20, 40, 40; quoted 100, 400, 800, 6400, 1600: the log returns are x₁ = (a, 0, a, −a),
/// x₂ = (0, a, a, 0), y = (2a, a, 3a, −2a) with a = ln 2, so y = 2x₁ + x₂ exactly: β = (2, 1).
/// </summary>
public class SeveralHedgesTests
{
    private const double TakerFee = 0.001;

    [Fact]
    public void TheBetaVectorSetsEachHedgesSizeAndEachInstrumentPaysItsOwnCosts()
    {
        var quoted = new EventScript();
        var first = new EventScript();
        var second = new EventScript();
        long[] quotedMids = [100, 400, 800, 6400, 1600, 1600];
        long[] firstMids = [10, 20, 20, 40, 20, 20];
        long[] secondMids = [10, 10, 20, 40, 40, 40];
        for (int i = 0; i < quotedMids.Length; i++)
        {
            first.Book(i * 1000, Levels(i == 0 ? 0 : firstMids[i - 1], firstMids[i]));
            second.Book(i * 1000, Levels(i == 0 ? 0 : secondMids[i - 1], secondMids[i]));
            quoted.Book((i * 1000) + 1, Levels(i == 0 ? 0 : quotedMids[i - 1], quotedMids[i]));
        }

        Instrument[] hedges = [new("ONE", 1, 1, takerFeeRate: TakerFee), new("TWO", 1, 1, takerFeeRate: TakerFee)];
        var venue = new HedgeVenue(new MergedMarketEvents([quoted, first, second]), hedges, new ConstantLatency(EventScript.Ns(2), EventScript.Ns(2)));
        var hedger = new PortfolioHedger(venue, new HedgeSettings { Mode = HedgeMode.Beta, Threshold = 1000, Window = 4, SampleInterval = 1_000_000_000 });
        var market = new ReplayMarket(venue, new ReplaySettings { RequoteInterval = 0 });
        hedger.OnFill(new Fill(0, 1, Side.Buy, 100, 5, 0, IsMaker: true, 100), market);
        hedger.OnMark(market, hedger.Quoted.Position);
        var fills = new List<Fill>();
        while (!market.IsFinished)
        {
            market.Advance(fills);
            hedger.OnMark(market, hedger.Quoted.Position);
        }

        hedger.Finish(market.Mid);

        // At 4.001 s the window is full: β = (2, 1), q₁ = 5, P₁ = 1600, P = (20, 40):
        // |2·5·1600| + |1·5·1600| = 24,000 > 1,000; targets −2·5·1600/20 = −800 and −5·1600/40 = −200.
        Assert.Equal(2, hedger.Ratios.Beta(0), 9);
        Assert.Equal(1, hedger.Ratios.Beta(1), 9);
        Assert.Equal(2, hedger.Executions.Count);
        HedgeExecution one = hedger.Executions.Single(e => e.Hedge == 0);
        HedgeExecution two = hedger.Executions.Single(e => e.Hedge == 1);

        // Each crosses its own book of 4 s at its 5 s message: 800 @ 19 and 200 @ 39.
        Assert.Equal((Side.Sell, 800.0, 19.0, EventScript.Ns(5000)), (one.Side, one.Quantity, one.AveragePrice, one.ExecutedAt));
        Assert.Equal((Side.Sell, 200.0, 39.0, EventScript.Ns(5000)), (two.Side, two.Quantity, two.AveragePrice, two.ExecutedAt));
        Assert.Equal(2, one.Beta, 9);
        Assert.Equal(1, two.Beta, 9);
        Assert.Equal(800, one.SpreadCost, 9);   // (20 − 19)·800
        Assert.Equal(200, two.SpreadCost, 9);   // (40 − 39)·200
        Assert.Equal(15.2, one.Fee, 9);         // 0.001·19·800
        Assert.Equal(7.8, two.Fee, 9);          // 0.001·39·200

        // Each leg's ledger: cash from its sale less its fee, the short marked at its last mid.
        Assert.Equal((-800.0, -200.0), (hedger.Hedges[0].Position, hedger.Hedges[1].Position));
        Assert.Equal((800 * 19) - 15.2 - (800 * 20), hedger.Hedges[0].Equity(hedger.LastHedgeMid(0)), 9);
        Assert.Equal((200 * 39) - 7.8 - (200 * 40), hedger.Hedges[1].Equity(hedger.LastHedgeMid(1)), 9);
        Assert.Equal(-815.2 - 207.8, hedger.Samples[^1].HedgeEquity, 9);
        Assert.Equal((800 * 20) + (200 * 40), hedger.Samples[^1].HedgeAbsExposure, 9);
    }

    [Fact]
    public void CrossVenueHedgesEveryFillOneForOneOnTheFirstHedgeThenByTheBetaVectorOnEach()
    {
        (PortfolioHedger hedger, _) = Run(HedgeMode.CrossVenue, threshold: 1_000_000);

        // The fill of 5 at 0 s is hedged at once on ONE (window not full: one for one, β = 1): a sell
        // of 5 decided at 0.001 s (mid 10), crossing the 0 s book (bid 9) at ONE's 1 s message.
        // At 4.001 s the window is full: β = (2, 1), whatever the threshold, ONE to −2·5·1600/20 = −800
        // (a sell of 795) and TWO to −5·1600/40 = −200, each crossing its own 4 s book at its 5 s message.
        Assert.Equal(3, hedger.Executions.Count);
        Assert.Equal(3, hedger.Crossings);
        HedgeExecution first = hedger.Executions[0];
        HedgeExecution one = hedger.Executions.Single(e => e.Hedge == 0 && e.DecidedAt > EventScript.Ns(4000));
        HedgeExecution two = hedger.Executions.Single(e => e.Hedge == 1);
        Assert.Equal((0, Side.Sell, 5.0, 9.0, EventScript.Ns(1000), 1.0), (first.Hedge, first.Side, first.Quantity, first.AveragePrice, first.ExecutedAt, first.Beta));
        Assert.Equal((Side.Sell, 795.0, 19.0, EventScript.Ns(5000)), (one.Side, one.Quantity, one.AveragePrice, one.ExecutedAt));
        Assert.Equal((Side.Sell, 200.0, 39.0, EventScript.Ns(5000)), (two.Side, two.Quantity, two.AveragePrice, two.ExecutedAt));
        Assert.Equal((2.0, 1.0), (Math.Round(one.Beta, 9), Math.Round(two.Beta, 9)));

        // Each leg's costs: half the spread crossed, no slippage (one level), no delay (the mid did not move while travelling), its own fee.
        Assert.Equal((5.0, 0.0, 0.0, 0.045), (first.SpreadCost, first.SlippageCost, first.DelayCost, Math.Round(first.Fee, 12)));    // (10 − 9)·5; 0.001·9·5
        Assert.Equal((795.0, 0.0, 0.0, 15.105), (one.SpreadCost, one.SlippageCost, one.DelayCost, Math.Round(one.Fee, 12)));     // (20 − 19)·795; 0.001·19·795
        Assert.Equal((200.0, 0.0, 0.0, 7.8), (two.SpreadCost, two.SlippageCost, two.DelayCost, Math.Round(two.Fee, 12)));        // (40 − 39)·200; 0.001·39·200

        // Each leg's ledger, marked at its own last mid.
        Assert.Equal((-800.0, -200.0), (hedger.Hedges[0].Position, hedger.Hedges[1].Position));
        Assert.Equal((5 * 9) + (795 * 19) - 0.045 - 15.105 - (800 * 20), hedger.Hedges[0].Equity(hedger.LastHedgeMid(0)), 9);
        Assert.Equal((200 * 39) - 7.8 - (200 * 40), hedger.Hedges[1].Equity(hedger.LastHedgeMid(1)), 9);
    }

    [Fact]
    public void ThePortfolioLimitsOfARunWithTwoHedgesCountBothHedgeLegs()
    {
        var limits = new HedgePortfolioLimits(new PortfolioRiskLimits { MaxGrossNotional = 33_000 }, hedges: 2);
        Run(HedgeMode.Beta, threshold: 1000, limits);

        // The last mark: quoted 5 at 1,600 (8,000), hedges −800 at 20 (16,000) and −200 at 40 (8,000).
        // Buying to 6: 9,600 + 16,000 + 8,000 = 33,600 > 33,000 (25,600 without the second hedge); to 5.5: 32,800.
        Assert.False(limits.Allows(5, 6, 1600));
        Assert.True(limits.Allows(5, 5.5, 1600));
        Assert.Throws<ArgumentException>(() => Run(HedgeMode.Beta, threshold: 1000, new HedgePortfolioLimits(new PortfolioRiskLimits())));
    }

    /// <summary>The script below with a fill of 5 bought at 0 s, hedged as <paramref name="mode"/> says.</summary>
    private static (PortfolioHedger Hedger, ReplayMarket Market) Run(HedgeMode mode, double threshold, HedgePortfolioLimits? limits = null)
    {
        var quoted = new EventScript();
        var first = new EventScript();
        var second = new EventScript();
        long[] quotedMids = [100, 400, 800, 6400, 1600, 1600];
        long[] firstMids = [10, 20, 20, 40, 20, 20];
        long[] secondMids = [10, 10, 20, 40, 40, 40];
        for (int i = 0; i < quotedMids.Length; i++)
        {
            first.Book(i * 1000, Levels(i == 0 ? 0 : firstMids[i - 1], firstMids[i]));
            second.Book(i * 1000, Levels(i == 0 ? 0 : secondMids[i - 1], secondMids[i]));
            quoted.Book((i * 1000) + 1, Levels(i == 0 ? 0 : quotedMids[i - 1], quotedMids[i]));
        }

        Instrument[] hedges = [new("ONE", 1, 1, takerFeeRate: TakerFee), new("TWO", 1, 1, takerFeeRate: TakerFee)];
        var venue = new HedgeVenue(new MergedMarketEvents([quoted, first, second]), hedges, new ConstantLatency(EventScript.Ns(2), EventScript.Ns(2)));
        var hedger = new PortfolioHedger(venue, new HedgeSettings { Mode = mode, Threshold = threshold, Window = 4, SampleInterval = 1_000_000_000 }, limits);
        var market = new ReplayMarket(venue, new ReplaySettings { RequoteInterval = 0 });
        hedger.OnFill(new Fill(0, 1, Side.Buy, 100, 5, 0, IsMaker: true, 100), market);
        hedger.OnMark(market, hedger.Quoted.Position);
        var fills = new List<Fill>();
        while (!market.IsFinished)
        {
            market.Advance(fills);
            hedger.OnMark(market, hedger.Quoted.Position);
        }

        hedger.Finish(market.Mid);
        return (hedger, market);
    }

    /// <summary>Removes the levels around the previous mid and sets bid mid−1, ask mid+1, 1000 each.</summary>
    private static (Side, long, long)[] Levels(long previousMid, long mid)
    {
        List<(Side, long, long)> levels = previousMid > 0 ? [(Side.Buy, previousMid - 1, 0), (Side.Sell, previousMid + 1, 0)] : [];
        levels.Add((Side.Buy, mid - 1, 1000));
        levels.Add((Side.Sell, mid + 1, 1000));
        return [.. levels];
    }

}
