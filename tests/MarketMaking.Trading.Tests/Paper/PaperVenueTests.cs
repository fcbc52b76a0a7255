using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Randomness;
using MarketMaking.Data.Bybit;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Tests.Paper;

public class PaperVenueTests
{
    private const long Latency = 3_000_000;

    [Fact]
    public async Task PaperFillsAreTheShadowQueuesFills()
    {
        // The same messages and orders, once through the paper venue (as a live session drives
        // it) and once straight into a shadow exchange, as the backtest's replay drives it.
        List<BybitFeedMessage> messages = ScriptedMarketData.RandomWalk(seed: 11, count: 3000);
        var venue = new PaperVenue(new ScriptedMarketData(messages), new PaperSettings { Latency = new ConstantLatency(Latency, Latency), MakerFeeRate = 0.0001m });
        VenueInstrument instrument = await venue.ConnectAsync("TESTUSDT", default);
        var shadow = new ShadowExchange(new RiskAverseQueueModel());
        var changes = new List<ShadowEvent>();
        var updates = new List<PrivateUpdate>();
        var paperFills = new List<(string, Side, decimal, decimal)>();
        var shadowFills = new List<(string, Side, decimal, decimal)>();
        var random = new ScalarRandom(5);
        var resting = new List<(string Link, long Id)>();
        long clock = 0;
        int next = 0;
        foreach (BybitFeedMessage message in messages)
        {
            updates.Clear();
            venue.Observe(message, updates);
            paperFills.AddRange(updates.OfType<VenueExecution>().Select(e => (e.LinkId, e.Side, e.Price, e.Quantity)));
            foreach (MarketEvent e in message.Events)
            {
                clock = Math.Max(clock, e.ExchangeTime);
                changes.Clear();
                shadow.Apply(e, changes);
                if (e.IsEndOfBatch)
                {
                    shadow.EndOfBatch(e.ExchangeTime, changes);
                }

                shadowFills.AddRange(changes.Where(c => c.Kind == ShadowEventKind.Filled).Select(c => ($"o{c.OrderId}", c.Side, c.PriceTicks * instrument.TickSize, c.Lots * instrument.LotSize)));
            }

            // Now and then: quote at the touch (or one tick behind), or cancel the oldest quote.
            double r = random.NextUniform();
            if (r < 0.08 && shadow.Book.LevelCount(Side.Buy) > 0 && shadow.Book.LevelCount(Side.Sell) > 0)
            {
                Side side = random.NextBool() ? Side.Buy : Side.Sell;
                long ticks = shadow.Book.Best(side).Price - (side.Sign() * random.NextInt(2));
                long lots = 1 + random.NextInt(500);
                string link = $"o{++next}";
                OrderReply reply = await venue.SendAsync(new OrderCommand(OrderCommandKind.Create, link, side, ticks * instrument.TickSize, lots * instrument.LotSize, true, false, false, 0), default);
                Assert.Equal(ReplyOutcome.Accepted, reply.Outcome);
                shadow.Submit(next, side, ticks, (double)(ticks * instrument.TickSize), lots, clock + Latency);
                resting.Add((link, next));
            }
            else if (r < 0.12 && resting.Count > 0)
            {
                (string link, long id) = resting[0];
                resting.RemoveAt(0);
                OrderReply reply = await venue.SendAsync(new OrderCommand(OrderCommandKind.Cancel, link, Side.Buy, 0, 0, false, false, false, 0), default);
                Assert.Equal(shadow.Contains(id), reply.Outcome == ReplyOutcome.Accepted);
                shadow.Cancel(id, clock + Latency);
            }
        }

        Assert.True(shadowFills.Count > 30, $"{shadowFills.Count} fills");
        Assert.Equal(shadowFills, paperFills);
        Assert.Equal((shadow.QueueFills, shadow.ThroughFills, shadow.CrossFills, shadow.CrossingRejects), (venue.Exchange.QueueFills, venue.Exchange.ThroughFills, venue.Exchange.CrossFills, venue.Exchange.CrossingRejects));
    }

    [Fact]
    public async Task ACrossingPostOnlyOrderIsRejectedAndAFillPaysTheMakerFee()
    {
        List<BybitFeedMessage> messages = ScriptedMarketData.RandomWalk(seed: 2, count: 0); // the snapshot: bid 999.9, ask 1000.1
        var venue = new PaperVenue(new ScriptedMarketData(messages), new PaperSettings { MakerFeeRate = 0.0002m });
        await venue.ConnectAsync("TESTUSDT", default);
        var updates = new List<PrivateUpdate>();
        venue.Observe(messages[0], updates);
        await venue.SendAsync(new OrderCommand(OrderCommandKind.Create, "cross", Side.Buy, 1000.1m, 0.01m, true, false, false, 0), default);
        await venue.SendAsync(new OrderCommand(OrderCommandKind.Create, "rest", Side.Sell, 1000.1m, 0.01m, true, false, false, 0), default);
        long t = messages[0].ExchangeTime + 1;

        // A buyer takes 1.1 (the 1.1 ahead of us) and then 0.004 of ours.
        var trade = new BybitFeedMessage { Kind = BybitFeedMessageKind.Trades, ExchangeTime = t, LocalTime = t, Events = [new MarketEvent(t, t, MarketEventKind.Trade, Side.Buy, 10001, 1104, 1, EventMarkers.EndOfBatch)] };
        venue.Observe(trade, updates);

        VenueOrderUpdate rejected = updates.OfType<VenueOrderUpdate>().Single(u => u.LinkId == "cross");
        Assert.Equal((VenueOrderStatus.Rejected, "EC_PostOnlyWillTakeLiquidity"), (rejected.Status, rejected.Reason));
        VenueExecution fill = Assert.Single(updates.OfType<VenueExecution>());
        Assert.Equal(("rest", Side.Sell, 1000.1m, 0.004m, true), (fill.LinkId, fill.Side, fill.Price, fill.Quantity, fill.IsMaker));
        Assert.Equal(1000.1m * 0.004m * 0.0002m, fill.Fee);
        Assert.Equal(VenueOrderStatus.PartiallyFilled, updates.OfType<VenueOrderUpdate>().Last(u => u.LinkId == "rest").Status);
        VenueAccount account = await venue.AccountAsync(0, default);
        Assert.Equal((-0.004m, (1000.1m * 0.004m) - fill.Fee, 1), (account.Position, account.Cash, account.OpenOrders));
    }
}
