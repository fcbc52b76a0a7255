using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Simulation.Replay;
using MarketMaking.Simulation.Tests.Replay;

namespace MarketMaking.Simulation.Tests.Hedging;

/// <summary>
/// Two hand-written instruments on one clock. The hedge's mid goes 10 → 20 → 40 → 20 and the
/// quoted mid 100 → 400 → 1600 → 400 (quoted ∝ hedge²), one message a second, so the log
/// returns are (ln2, 2ln2), (ln2, 2ln2), (−ln2, −2ln2): β = 2 exactly, standard error 0.
/// </summary>
public class PortfolioHedgerTests
{
    private const double TakerFee = 0.001;

    [Fact]
    public void PastTheThresholdOneTakerHedgeSellsTheBetaWeightedValueAndItsCostsSplitByHand()
    {
        (PortfolioHedger hedger, HedgeVenue venue) = Run(threshold: 1000, laterHedgeMid: 30);

        // At 3.001 s: q₁ = 5, P₁ = 400, P₂ = 20, β = 2: exposure 2·5·400 = 4000 > 1000, target −2·5·400/20 = −200.
        HedgeExecution h = Assert.Single(hedger.Executions);
        Assert.Equal(2, h.Beta, 12);
        Assert.Equal(0, h.BetaError, 9);
        Assert.Equal(Side.Sell, h.Side);
        Assert.Equal(200, h.Quantity);

        // Decided at 3001 ms, 2 ms latency: it crosses the book of 3000 ms at the 4000 ms message: 150 @ 19, 50 @ 18.
        Assert.Equal(EventScript.Ns(3001), h.DecidedAt);
        Assert.Equal(EventScript.Ns(4000), h.ExecutedAt);
        Assert.Equal(18.75, h.AveragePrice, 12);
        Assert.Equal(19, h.Touch);
        Assert.Equal(2, h.LevelsTaken);
        Assert.Equal(200, h.SpreadCost, 9);   // −(19 − 20)·200
        Assert.Equal(50, h.SlippageCost, 9);  // −(18.75 − 19)·200
        Assert.Equal(0, h.DelayCost, 9);
        Assert.Equal(3.75, h.Fee, 9);         // 0.001 · 18.75 · 200

        // The hedge leg: cash 200·18.75 − 3.75, short 200 marked at the later mid 30.
        Assert.Equal(-200, hedger.Hedge.Position);
        Assert.Equal((200 * 18.75) - 3.75 - (200 * 30), hedger.Hedge.Equity(30), 9);

        // The 4 s return moves β, a second hedge leaves at 4.001 s and the data ends before it arrives.
        Assert.Equal(2, hedger.Crossings);
        Assert.Equal(1, venue.PendingCount);
    }

    [Fact]
    public void ALaterReturnNeverChangesAnEarlierHedge()
    {
        (PortfolioHedger calm, _) = Run(threshold: 1000, laterHedgeMid: 30);
        (PortfolioHedger perturbed, _) = Run(threshold: 1000, laterHedgeMid: 90);

        Assert.Equal(calm.Executions[0], perturbed.Executions[0]);
        Assert.NotEqual(calm.Ratios.Beta(0), perturbed.Ratios.Beta(0)); // the perturbed return did reach the regression, afterwards
    }

    [Fact]
    public void BelowTheThresholdNothingIsHedged()
    {
        (PortfolioHedger hedger, _) = Run(threshold: 4000, laterHedgeMid: 30); // |E| = 4000 is not above 4000

        Assert.Empty(hedger.Executions);
        Assert.Equal(0, hedger.Crossings);
        Assert.Equal(0, hedger.Hedge.Position);
    }

    [Fact]
    public void CrossVenueHedgesEveryFillOneForOneWithoutWaitingForARatio()
    {
        (PortfolioHedger hedger, _) = Run(threshold: 0, laterHedgeMid: 30, HedgeMode.CrossVenue);

        // Decided at the first mark (1 ms): sell 5 against the 1 ms hedge book (bid 9 × 1000), at 1000 ms.
        HedgeExecution h = Assert.Single(hedger.Executions);
        Assert.Equal((Side.Sell, 5.0, 9.0, 1.0), (h.Side, h.Quantity, h.AveragePrice, h.Beta));
        Assert.Equal(EventScript.Ns(1000), h.ExecutedAt);
        Assert.Equal(-5, hedger.Hedge.Position);
    }

    private static (PortfolioHedger Hedger, HedgeVenue Venue) Run(double threshold, long laterHedgeMid, HedgeMode mode = HedgeMode.Beta)
    {
        var quoted = new EventScript();
        var hedge = new EventScript();
        long[] quotedMids = [100, 400, 1600, 400, 400];
        long[] hedgeMids = [10, 20, 40, 20, laterHedgeMid];
        for (int i = 0; i < quotedMids.Length; i++)
        {
            hedge.Book(i * 1000, Levels(i == 0 ? 0 : hedgeMids[i - 1], hedgeMids[i], deep: i == 3));
            quoted.Book((i * 1000) + 1, Levels(i == 0 ? 0 : quotedMids[i - 1], quotedMids[i], deep: false));
        }

        var hedgeInstrument = new Instrument("HEDGE", tickSize: 1, lotSize: 1, takerFeeRate: TakerFee);
        var venue = new HedgeVenue(new MergedMarketEvents([quoted, hedge]), hedgeInstrument, new ConstantLatency(EventScript.Ns(2), EventScript.Ns(2)));
        var hedger = new PortfolioHedger(venue, new HedgeSettings { Mode = mode, Threshold = threshold, Window = 3, SampleInterval = 1_000_000_000 });
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
        return (hedger, venue);
    }

    /// <summary>Removes the levels around the previous mid and sets bid mid−1, ask mid+1 (deep: bids 150 @ mid−1, 100 @ mid−2).</summary>
    private static (Side, long, long)[] Levels(long previousMid, long mid, bool deep)
    {
        var levels = new List<(Side, long, long)>();
        if (previousMid > 0)
        {
            levels.Add((Side.Buy, previousMid - 1, 0));
            levels.Add((Side.Sell, previousMid + 1, 0));
        }

        if (deep)
        {
            levels.Add((Side.Buy, mid - 1, 150));
            levels.Add((Side.Buy, mid - 2, 100));
        }
        else
        {
            levels.Add((Side.Buy, mid - 1, 1000));
        }

        levels.Add((Side.Sell, mid + 1, 1000));
        return [.. levels];
    }
}
