using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Agents;

/// <summary>Order entry for a local exchange's clients: orders rest in the agents' own book at an exact queue place.</summary>
public class AgentMarketVenueTests
{
    private static readonly AgentMarketParameters Endless = new() { Duration = 1e6, WarmUp = 30 };

    [Fact]
    public void ALimitOrderJoinsTheBackOfItsLevelAndFillsOnlyAfterTheQueueAhead()
    {
        var market = new AgentMarket(Endless, 11);
        var listener = new Recorder();
        market.Listener = listener;
        BookLevelSnapshot touch = Touch(market, Side.Buy);

        OrderRejectReason reason = market.SubmitVenueOrder(Side.Buy, OrderType.Limit, touch.Price, 1, out long id);

        Assert.Equal(OrderRejectReason.None, reason);
        Assert.True(market.Book is MatchingEngine engine && engine.TryGetQueuePosition(id, out long ahead, out _) && ahead == touch.Size);
        Assert.Equal(MatchingEventKind.Accepted, listener.Events.First(e => e.OrderId == id).Kind);

        // Run until it fills: every lot ahead of it at its price must have traded or left first.
        for (double t = 1; t < 3600 && !listener.Events.Any(e => e.Kind == MatchingEventKind.Trade && e.MakerOrderId == id); t++)
        {
            market.AdvanceTo(t);
        }

        MatchingEvent fill = listener.Events.First(e => e.Kind == MatchingEventKind.Trade && e.MakerOrderId == id);
        Assert.Equal((AgentMarket.VenueOwner, touch.Price, 1L, Side.Sell), (fill.MakerOwner, fill.Price, fill.Size, fill.Side));
    }

    [Fact]
    public void APostOnlyOrderThatWouldCrossIsRefusedAndAMarketOrderTradesAtOnce()
    {
        var market = new AgentMarket(Endless, 12);
        var listener = new Recorder();
        market.Listener = listener;
        BookLevelSnapshot ask = Touch(market, Side.Sell);

        Assert.Equal(OrderRejectReason.PostOnlyWouldCross, market.SubmitVenueOrder(Side.Buy, OrderType.PostOnly, ask.Price, 1, out _));
        Assert.Equal(OrderRejectReason.None, market.SubmitVenueOrder(Side.Buy, OrderType.Market, 0, 1, out long taker));

        MatchingEvent trade = Assert.Single(listener.Events, e => e.Kind == MatchingEventKind.Trade && e.OrderId == taker);
        Assert.Equal((AgentMarket.VenueOwner, ask.Price, Side.Buy), (trade.Owner, trade.Price, trade.Side));
    }

    [Fact]
    public void AnImmediateOrCancelRemainderIsCancelledAndAmendAndCancelReachOnlyVenueOrders()
    {
        var market = new AgentMarket(Endless, 13);
        var listener = new Recorder();
        market.Listener = listener;
        BookLevelSnapshot ask = Touch(market, Side.Sell);

        market.SubmitVenueOrder(Side.Buy, OrderType.ImmediateOrCancel, ask.Price, ask.Size + 5, out long ioc);
        MatchingEvent rest = Assert.Single(listener.Events, e => e.Kind == MatchingEventKind.Cancelled && e.OrderId == ioc);
        Assert.Equal((CancelReason.Unfilled, 5L), (rest.CancelReason, rest.Size));

        long bid = Touch(market, Side.Buy).Price;
        market.SubmitVenueOrder(Side.Buy, OrderType.Limit, bid - 10, 3, out long resting);
        Assert.Equal(OrderRejectReason.None, market.AmendVenueOrder(resting, bid - 10, 2));
        Assert.True(listener.Events.Single(e => e.Kind == MatchingEventKind.Amended).KeptPriority);
        Assert.Equal(OrderRejectReason.None, market.CancelVenueOrder(resting));
        Assert.Equal(OrderRejectReason.UnknownOrder, market.CancelVenueOrder(resting));
        market.AdvanceTo(5);
        var engine = (MatchingEngine)market.Book;
        long backgroundOrder = listener.Events.Last(e => e.Kind == MatchingEventKind.Accepted && e.Owner != AgentMarket.VenueOwner && engine.TryGetOrder(e.OrderId, out _)).OrderId;
        Assert.Equal(OrderRejectReason.UnknownOrder, market.CancelVenueOrder(backgroundOrder)); // a trader's order is not the venue's to cancel
        Assert.True(engine.TryGetOrder(backgroundOrder, out _));
    }

    [Fact]
    public void AdvancingToATimeMovesTheClockThereAndTheSameActionsGiveTheSameMarket()
    {
        static (long Events, double Mid) Run()
        {
            var market = new AgentMarket(Endless, 14);
            market.AdvanceTo(5);
            market.SubmitVenueOrder(Side.Sell, OrderType.Market, 0, 3, out _);
            market.AdvanceTo(60.5);
            Assert.Equal(60.5, market.Time, 12);
            market.AdvanceTo(10); // the past: nothing happens
            Assert.Equal(60.5, market.Time, 12);
            return (market.Events, market.Mid);
        }

        Assert.Equal(Run(), Run());
    }

    private static BookLevelSnapshot Touch(AgentMarket market, Side side)
    {
        var level = market.Book.Best(side);
        return new BookLevelSnapshot(level.Price, level.Size);
    }

    private readonly record struct BookLevelSnapshot(long Price, long Size);

    private sealed class Recorder : IAgentMarketListener
    {
        public List<MatchingEvent> Events { get; } = [];

        public void OnEvents(ReadOnlySpan<MatchingEvent> events, double time) => Events.AddRange(events);
    }
}
