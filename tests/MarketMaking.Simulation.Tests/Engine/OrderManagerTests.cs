using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Simulation.Tests.Engine;

public class OrderManagerTests
{
    private static readonly Instrument Grid = new("TEST", tickSize: 0.5, lotSize: 1);

    private static (OrderManager Manager, RecordingGateway Gateway, RiskGate Gate) Create(RiskLimits? limits = null)
    {
        var gate = new RiskGate(limits ?? RiskLimits.None);
        return (new OrderManager(Grid, gate), new RecordingGateway(), gate);
    }

    [Fact]
    public void UnchangedQuotesKeepTheirOrders()
    {
        var (manager, gateway, _) = Create();
        QuoteDecision quotes = QuoteDecision.TwoSided(99.5, 100.5, 2);
        manager.Apply(in quotes, mid: 100, position: 0, marketBid: double.NaN, marketAsk: double.NaN, gateway);
        manager.Apply(in quotes, mid: 100.2, position: 0, marketBid: double.NaN, marketAsk: double.NaN, gateway);

        Assert.Equal(["new 1 Buy 2@99.5", "new 2 Sell 2@100.5"], gateway.Actions);
        Assert.Equal(2, manager.Submitted);
        Assert.Equal(1.0, manager.QuotedSpread);
    }

    [Fact]
    public void SmallerSizeIsReducedInPlaceLargerSizeOrNewPriceIsReplaced()
    {
        var (manager, gateway, _) = Create();
        QuoteDecision first = QuoteDecision.TwoSided(99.5, 100.5, 2);
        manager.Apply(in first, 100, 0, double.NaN, double.NaN, gateway);
        gateway.Actions.Clear();

        var next = default(QuoteDecision);
        next.Add(Side.Buy, 99.5, 1); // same price, smaller: keeps priority
        next.Add(Side.Sell, 100.5, 3); // same price, larger: loses priority anyway
        manager.Apply(in next, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["reduce 1 to 1", "cancel 2", "new 3 Sell 3@100.5"], gateway.Actions);

        gateway.Actions.Clear();
        QuoteDecision moved = QuoteDecision.TwoSided(99.0, 100.5, 1);
        manager.Apply(in moved, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["cancel 1", "new 4 Buy 1@99", "reduce 3 to 1"], gateway.Actions);
        Assert.Equal(1, manager.Live(Side.Buy).Length);
    }

    [Fact]
    public void AnOrderWithinTheRefreshToleranceStays()
    {
        var gateway = new RecordingGateway();
        var manager = new OrderManager(Grid, new RiskGate(RiskLimits.None)) { RefreshTolerance = 0.5 };
        manager.Apply(QuoteDecision.TwoSided(99.5, 100.5, 2), 100, 0, double.NaN, double.NaN, gateway);
        gateway.Actions.Clear();

        // The bid wants 99 (0.5 away: kept at 99.5), the ask 101.5 (1.0 away: replaced).
        manager.Apply(QuoteDecision.TwoSided(99.0, 101.5, 2), 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["cancel 2", "new 3 Sell 2@101.5"], gateway.Actions);
        Assert.Equal(99.5, manager.BestBid);
    }

    [Fact]
    public void OrdersOlderThanTheMaximumAgeAreSentAgain()
    {
        var gateway = new RecordingGateway();
        var manager = new OrderManager(Grid, new RiskGate(RiskLimits.None)) { MaxOrderAge = 5 };
        QuoteDecision quotes = QuoteDecision.TwoSided(99.5, 100.5, 2);
        manager.Time = 0;
        manager.Apply(quotes, 100, 0, double.NaN, double.NaN, gateway);
        manager.Time = 4.9;
        manager.Apply(quotes, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(2, gateway.Actions.Count);   // young: kept

        manager.Time = 5;
        manager.Apply(quotes, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["new 1 Buy 2@99.5", "new 2 Sell 2@100.5", "cancel 1", "new 3 Buy 2@99.5", "cancel 2", "new 4 Sell 2@100.5"], gateway.Actions);
    }

    [Fact]
    public void PricesSnapOutwardAndSizesDownToLots()
    {
        var (manager, gateway, _) = Create();
        QuoteDecision quotes = QuoteDecision.TwoSided(99.74, 100.26, 2.9);
        manager.Apply(in quotes, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["new 1 Buy 2@99.5", "new 2 Sell 2@100.5"], gateway.Actions);
    }

    [Fact]
    public void AtThePositionLimitTheGrowingSideIsNotQuoted()
    {
        var (manager, gateway, gate) = Create(new RiskLimits { MaxPosition = 5 });
        QuoteDecision quotes = QuoteDecision.TwoSided(99.5, 100.5, 2);

        // Long 4: one lot of room on the bid, the ask is untouched.
        manager.Apply(in quotes, 100, position: 4, marketBid: double.NaN, marketAsk: double.NaN, gateway);
        Assert.Equal(["new 1 Buy 1@99.5", "new 2 Sell 2@100.5"], gateway.Actions);

        // Long 5: the bid goes.
        gateway.Actions.Clear();
        manager.Apply(in quotes, 100, position: 5, marketBid: double.NaN, marketAsk: double.NaN, gateway);
        Assert.Equal(["cancel 1"], gateway.Actions);
        Assert.Equal(0, gate.TotalRejections); // not quoting is not a rejection
    }

    [Fact]
    public void RiskGateRejectionsAreCountedNotSent()
    {
        var (manager, gateway, gate) = Create(new RiskLimits { PriceBand = 0.002 });
        QuoteDecision quotes = QuoteDecision.TwoSided(99.5, 100.0, 1); // bid is 0.5% away: outside a 0.2% band
        manager.Apply(in quotes, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["new 1 Sell 1@100"], gateway.Actions);
        Assert.Equal(1, gate.Rejections(RejectReason.PriceBand));
    }

    [Fact]
    public void FillsShrinkOrRemoveLiveOrders()
    {
        var (manager, gateway, _) = Create();
        QuoteDecision quotes = QuoteDecision.TwoSided(99.5, 100.5, 3);
        manager.Apply(in quotes, 100, 0, double.NaN, double.NaN, gateway);

        manager.OnFill(new Fill(0, OrderId: 1, Side.Buy, 99.5, 1, 0, true, 100));
        Assert.Equal(2, manager.Live(Side.Buy)[0].Quantity);
        manager.OnFill(new Fill(0, OrderId: 2, Side.Sell, 100.5, 3, 0, true, 100));
        Assert.True(manager.Live(Side.Sell).IsEmpty);
        Assert.True(double.IsNaN(manager.QuotedSpread));
    }

    [Fact]
    public void MultiLevelQuotesShareThePositionRoom()
    {
        var (manager, gateway, _) = Create(new RiskLimits { MaxPosition = 3 });
        var quotes = default(QuoteDecision);
        quotes.Add(Side.Buy, 99.5, 2);
        quotes.Add(Side.Buy, 99.0, 2);
        quotes.Add(Side.Buy, 98.5, 2);
        manager.Apply(in quotes, 100, 0, double.NaN, double.NaN, gateway);

        // Room 3: 2 at the first level, 1 at the second, none at the third.
        Assert.Equal(["new 1 Buy 2@99.5", "new 2 Buy 1@99"], gateway.Actions);
    }

    [Fact]
    public void QuotesThatWouldCrossRestAtTheBestPassivePrice()
    {
        // Market 99.5 / 100.5, tick 0.5. A bid at 101 would take the ask: it rests at 100 (ask − tick);
        // an ask at 99 would hit the bid: it rests at 100 too. Passive quotes are left alone.
        var (manager, gateway, _) = Create();
        QuoteDecision crossing = QuoteDecision.TwoSided(101, 99, 1);
        manager.Apply(in crossing, 100, 0, marketBid: 99.5, marketAsk: 100.5, gateway);
        Assert.Equal(["new 1 Buy 1@100", "new 2 Sell 1@100"], gateway.Actions);
        Assert.Equal(2, manager.ClampedToTouch);

        gateway.Actions.Clear();
        QuoteDecision passive = QuoteDecision.TwoSided(99, 101, 1);
        manager.Apply(in passive, 100, 0, marketBid: 99.5, marketAsk: 100.5, gateway);
        Assert.Equal(["cancel 1", "new 3 Buy 1@99", "cancel 2", "new 4 Sell 1@101"], gateway.Actions);
        Assert.Equal(2, manager.ClampedToTouch);
    }

    [Fact]
    public void ABidAtTheTouchStaysWhenTheSpreadNarrowsToOneTick()
    {
        // Tick 0.1: the best bid, 9,999 ticks, is 999.9000000000001 in floating point; 1000.0 − 0.1 is
        // 999.9. The bid joined the touch; the ask came down to one tick above it. Counting the passive
        // limit off the grid, the bid read as crossing and was cancelled and placed again at "999.9",
        // losing its place in the queue for nothing.
        var instrument = new Instrument("TEST", tickSize: 0.1, lotSize: 1);
        var manager = new OrderManager(instrument, new RiskGate(RiskLimits.None));
        var gateway = new RecordingGateway();
        double bestBid = 9999 * 0.1;
        manager.Apply(QuoteDecision.TwoSided(bestBid, 10001 * 0.1, 1), 1000, 0, marketBid: bestBid, marketAsk: 10001 * 0.1, gateway);
        gateway.Actions.Clear();

        manager.Apply(QuoteDecision.TwoSided(bestBid, 10000 * 0.1, 1), 999.95, 0, marketBid: bestBid, marketAsk: 10000 * 0.1, gateway);
        Assert.Equal(["cancel 2", "new 3 Sell 1@1000"], gateway.Actions);
        Assert.Equal(0, manager.ClampedToTouch);
    }

    [Fact]
    public void OpenOrderAndRateLimitsHoldBackExtraLevels()
    {
        // Two levels a side, at most three orders open: the second ask is refused.
        var (manager, gateway, gate) = Create(new RiskLimits { MaxOpenOrders = 3 });
        var quotes = default(QuoteDecision);
        quotes.Add(Side.Buy, 99.5, 1);
        quotes.Add(Side.Buy, 99, 1);
        quotes.Add(Side.Sell, 100.5, 1);
        quotes.Add(Side.Sell, 101, 1);
        manager.Apply(in quotes, 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["new 1 Buy 1@99.5", "new 2 Buy 1@99", "new 3 Sell 1@100.5"], gateway.Actions);
        Assert.Equal(1, gate.Rejections(RejectReason.OpenOrders));

        // Two orders a second: at t = 0.5 the replacements of both bids exceed it, at t = 1 they go.
        var (rated, ratedGateway, ratedGate) = Create(new RiskLimits { MaxOrderRate = 2 });
        rated.Apply(QuoteDecision.TwoSided(99.5, 100.5, 1), 100, 0, double.NaN, double.NaN, ratedGateway);
        rated.Time = 0.5;
        rated.Apply(QuoteDecision.TwoSided(99, 100.5, 1), 100, 0, double.NaN, double.NaN, ratedGateway);
        rated.Time = 1;
        rated.Apply(QuoteDecision.TwoSided(99, 100.5, 1), 100, 0, double.NaN, double.NaN, ratedGateway);
        Assert.Equal(["new 1 Buy 1@99.5", "new 2 Sell 1@100.5", "cancel 1", "new 3 Buy 1@99"], ratedGateway.Actions);
        Assert.Equal(1, ratedGate.Rejections(RejectReason.OrderRate));
    }

    [Fact]
    public void AForgottenOrderIsQuotedAgainAndAnAdoptedOneIsManagedLikeOurOwn()
    {
        var (manager, gateway, _) = Create();
        manager.Apply(QuoteDecision.TwoSided(99.5, 100.5, 1), 100, 0, double.NaN, double.NaN, gateway);
        Assert.True(manager.Forget(1)); // the venue refused the bid
        Assert.False(manager.Forget(1));
        Assert.True(manager.Adopt(77, Side.Sell, 101, 1)); // found resting at the venue
        gateway.Actions.Clear();
        manager.Apply(QuoteDecision.TwoSided(99.5, 100.5, 1), 100, 0, double.NaN, double.NaN, gateway);
        Assert.Equal(["new 3 Buy 1@99.5", "cancel 77"], gateway.Actions); // the ask at 100.5 (order 2) stays
        Assert.Equal(1, manager.Cancelled);
    }
}
