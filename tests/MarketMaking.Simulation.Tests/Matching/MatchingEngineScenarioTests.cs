using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;
using static MarketMaking.Simulation.Tests.Matching.Expect;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>Hand-computed scenarios: every event of each request is spelled out.</summary>
public class MatchingEngineScenarioTests
{
    private const int Taker = 9;

    private readonly MatchingEventBuffer _events = new();

    [Fact]
    public void PartialFillsAcrossLevelsGiveExactTrades()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Sell, 101, 3);
        Rest(engine, 2, 2, Side.Sell, 101, 2);
        Rest(engine, 3, 3, Side.Sell, 102, 4);
        Rest(engine, 4, 4, Side.Sell, 104, 5);

        Assert.Equal(
            [
                Accepted(10, Taker, Side.Buy, 102, 8, 5),
                Trade(10, Taker, Side.Buy, 1, 1, 101, 3, 5),
                Trade(10, Taker, Side.Buy, 2, 2, 101, 2, 5),
                Book(Side.Sell, 101, 0, 5),
                Trade(10, Taker, Side.Buy, 3, 3, 102, 3, 5),
                Book(Side.Sell, 102, 1, 5),
            ],
            Send(engine, OrderRequest.Limit(10, Taker, Side.Buy, 102, 8, 5)));

        Assert.Equal(
            [
                Accepted(11, Taker, Side.Buy, 103, 4, 6),
                Trade(11, Taker, Side.Buy, 3, 3, 102, 1, 6),
                Book(Side.Sell, 102, 0, 6),
                Book(Side.Buy, 103, 3, 6),
            ],
            Send(engine, OrderRequest.Limit(11, Taker, Side.Buy, 103, 4, 6)));
        Assert.Equal(new BookLevel(103, 3), engine.Best(Side.Buy));
        Assert.Equal(new BookLevel(104, 5), engine.Best(Side.Sell));
        Assert.False(engine.TryGetOrder(3, out _));
        Assert.True(engine.TryGetOrder(11, out RestingOrder rest));
        Assert.Equal(new RestingOrder(11, Taker, Side.Buy, 103, 3, 6, false), rest);
    }

    [Fact]
    public void OrdersAtOneLevelFillInArrivalOrder()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 2);
        Rest(engine, 2, 2, Side.Buy, 100, 2);
        Rest(engine, 3, 3, Side.Buy, 100, 2);
        AssertQueue(engine, 3, sizeAhead: 4, ordersAhead: 2);

        Assert.Equal(
            [
                Accepted(10, Taker, Side.Sell, 0, 5),
                Trade(10, Taker, Side.Sell, 1, 1, 100, 2),
                Trade(10, Taker, Side.Sell, 2, 2, 100, 2),
                Trade(10, Taker, Side.Sell, 3, 3, 100, 1),
                Book(Side.Buy, 100, 1),
            ],
            Send(engine, OrderRequest.Market(10, Taker, Side.Sell, 5)));
        AssertQueue(engine, 3, sizeAhead: 0, ordersAhead: 0);
    }

    [Fact]
    public void SizeDecreaseKeepsQueuePlace()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 5);
        Rest(engine, 2, 2, Side.Buy, 100, 5);

        Assert.Equal([Amended(1, 1, Side.Buy, 100, 3, keptPriority: true, 7), Book(Side.Buy, 100, 8, 7)], Amend(engine, 1, 100, 3, 7));
        AssertQueue(engine, 2, sizeAhead: 3, ordersAhead: 1);
        Assert.Equal(0, engine.TryGetOrder(1, out RestingOrder order) ? order.Time : -1);
        Assert.Equal(
            [
                Accepted(10, Taker, Side.Sell, 100, 4),
                Trade(10, Taker, Side.Sell, 1, 1, 100, 3),
                Trade(10, Taker, Side.Sell, 2, 2, 100, 1),
                Book(Side.Buy, 100, 4),
            ],
            Send(engine, OrderRequest.Limit(10, Taker, Side.Sell, 100, 4)));
    }

    [Fact]
    public void SizeIncreaseSendsOrderToBack()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 5);
        Rest(engine, 2, 2, Side.Buy, 100, 5);

        Assert.Equal([Amended(1, 1, Side.Buy, 100, 6, keptPriority: false, 7), Book(Side.Buy, 100, 11, 7)], Amend(engine, 1, 100, 6, 7));
        AssertQueue(engine, 1, sizeAhead: 5, ordersAhead: 1);
        Assert.Equal(7, engine.TryGetOrder(1, out RestingOrder order) ? order.Time : -1);
        Assert.Equal(
            [
                Accepted(10, Taker, Side.Sell, 100, 5),
                Trade(10, Taker, Side.Sell, 2, 2, 100, 5),
                Book(Side.Buy, 100, 6),
            ],
            Send(engine, OrderRequest.Limit(10, Taker, Side.Sell, 100, 5)));
    }

    [Fact]
    public void PriceChangeSendsOrderToBackOfNewLevel()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 2);
        Rest(engine, 2, 2, Side.Buy, 99, 3);

        Assert.Equal(
            [Amended(1, 1, Side.Buy, 99, 2, keptPriority: false, 7), Book(Side.Buy, 100, 0, 7), Book(Side.Buy, 99, 5, 7)],
            Amend(engine, 1, 99, 2, 7));
        Assert.Equal(1, engine.LevelCount(Side.Buy));
        AssertQueue(engine, 1, sizeAhead: 3, ordersAhead: 1);
        Assert.Equal(
            [
                Accepted(10, Taker, Side.Sell, 99, 4),
                Trade(10, Taker, Side.Sell, 2, 2, 99, 3),
                Trade(10, Taker, Side.Sell, 1, 1, 99, 1),
                Book(Side.Buy, 99, 1),
            ],
            Send(engine, OrderRequest.Limit(10, Taker, Side.Sell, 99, 4)));
    }

    [Fact]
    public void AmendToCrossingPriceTrades()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 5);
        Rest(engine, 2, 2, Side.Sell, 102, 3);

        Assert.Equal(
            [
                Amended(1, 1, Side.Buy, 102, 5, keptPriority: false, 7),
                Book(Side.Buy, 100, 0, 7),
                Trade(1, 1, Side.Buy, 2, 2, 102, 3, 7),
                Book(Side.Sell, 102, 0, 7),
                Book(Side.Buy, 102, 2, 7),
            ],
            Amend(engine, 1, 102, 5, 7));
    }

    [Fact]
    public void PostOnlyAmendThatWouldCrossIsRejectedAndKeepsOrder()
    {
        var engine = new MatchingEngine();
        Assert.Equal(OrderRejectReason.None, engine.Submit(new OrderRequest(1, 1, Side.Buy, OrderType.PostOnly, 100, 5, 0), _events));
        Rest(engine, 2, 2, Side.Sell, 102, 3);
        AssertQueue(engine, 1, 0, 0);

        Assert.Equal([Rejected(1, 1, Side.Buy, 102, 5, OrderRejectReason.PostOnlyWouldCross, 7)], Amend(engine, 1, 102, 5, 7));
        Assert.Equal(new RestingOrder(1, 1, Side.Buy, 100, 5, 0, true), engine.TryGetOrder(1, out RestingOrder kept) ? kept : default);

        Assert.Equal(
            [Amended(1, 1, Side.Buy, 101, 5, keptPriority: false, 8), Book(Side.Buy, 100, 0, 8), Book(Side.Buy, 101, 5, 8)],
            Amend(engine, 1, 101, 5, 8));
        Assert.True(engine.TryGetOrder(1, out RestingOrder moved) && moved.PostOnly);
    }

    [Fact]
    public void ImmediateOrCancelRemainderIsCancelled()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Sell, 101, 3);

        Assert.Equal(
            [
                Accepted(10, Taker, Side.Buy, 101, 5),
                Trade(10, Taker, Side.Buy, 1, 1, 101, 3),
                Book(Side.Sell, 101, 0),
                Cancelled(10, Taker, Side.Buy, 101, 2, CancelReason.Unfilled),
            ],
            Send(engine, new OrderRequest(10, Taker, Side.Buy, OrderType.ImmediateOrCancel, 101, 5, 0)));
        Assert.Equal(
            [Accepted(11, Taker, Side.Buy, 100, 1), Cancelled(11, Taker, Side.Buy, 100, 1, CancelReason.Unfilled)],
            Send(engine, new OrderRequest(11, Taker, Side.Buy, OrderType.ImmediateOrCancel, 100, 1, 0)));
        Assert.Equal(0, engine.LevelCount(Side.Buy) + engine.LevelCount(Side.Sell));
    }

    [Fact]
    public void MarketOrderSweepsLevelsAndCancelsWhatIsLeft()
    {
        var engine = new MatchingEngine();
        Assert.Equal(
            [Accepted(10, Taker, Side.Buy, 0, 4), Cancelled(10, Taker, Side.Buy, 0, 4, CancelReason.Unfilled)],
            Send(engine, OrderRequest.Market(10, Taker, Side.Buy, 4)));

        Rest(engine, 1, 1, Side.Sell, 101, 2);
        Rest(engine, 2, 2, Side.Sell, 105, 3);
        Assert.Equal(
            [
                Accepted(11, Taker, Side.Buy, 0, 4),
                Trade(11, Taker, Side.Buy, 1, 1, 101, 2),
                Book(Side.Sell, 101, 0),
                Trade(11, Taker, Side.Buy, 2, 2, 105, 2),
                Book(Side.Sell, 105, 1),
            ],
            Send(engine, OrderRequest.Market(11, Taker, Side.Buy, 4)));
    }

    [Fact]
    public void FillOrKillFillsCompletelyOrNotAtAll()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Sell, 101, 3);
        Rest(engine, 2, 2, Side.Sell, 102, 3);

        Assert.Equal(
            [Rejected(10, Taker, Side.Buy, 102, 7, OrderRejectReason.FillOrKillNotFillable)],
            Send(engine, new OrderRequest(10, Taker, Side.Buy, OrderType.FillOrKill, 102, 7, 0)));
        Assert.Equal(
            [Rejected(11, Taker, Side.Buy, 101, 6, OrderRejectReason.FillOrKillNotFillable)],
            Send(engine, new OrderRequest(11, Taker, Side.Buy, OrderType.FillOrKill, 101, 6, 0)));
        Assert.Equal(6, engine.DepthWithin(Side.Sell, 2));

        Assert.Equal(
            [
                Accepted(12, Taker, Side.Buy, 102, 6),
                Trade(12, Taker, Side.Buy, 1, 1, 101, 3),
                Book(Side.Sell, 101, 0),
                Trade(12, Taker, Side.Buy, 2, 2, 102, 3),
                Book(Side.Sell, 102, 0),
            ],
            Send(engine, new OrderRequest(12, Taker, Side.Buy, OrderType.FillOrKill, 102, 6, 0)));
        Assert.Equal(0, engine.OrderCount);
    }

    [Fact]
    public void PostOnlyRestsOrIsRejected()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Sell, 101, 1);

        Assert.Equal(
            [Rejected(10, Taker, Side.Buy, 101, 1, OrderRejectReason.PostOnlyWouldCross)],
            Send(engine, new OrderRequest(10, Taker, Side.Buy, OrderType.PostOnly, 101, 1, 0)));
        Assert.Equal(
            [Accepted(11, Taker, Side.Buy, 100, 1), Book(Side.Buy, 100, 1)],
            Send(engine, new OrderRequest(11, Taker, Side.Buy, OrderType.PostOnly, 100, 1, 0)));
    }

    [Fact]
    public void SelfTradeCancelsRestingOrderByDefault()
    {
        var engine = new MatchingEngine();
        Assert.Equal(SelfTradePrevention.CancelResting, engine.SelfTradePrevention);
        Rest(engine, 1, 1, Side.Sell, 101, 2);
        Rest(engine, 2, 2, Side.Sell, 101, 3);
        Rest(engine, 3, 1, Side.Sell, 102, 1);

        Assert.Equal(
            [
                Accepted(10, 1, Side.Buy, 102, 5),
                Cancelled(1, 1, Side.Sell, 101, 2, CancelReason.SelfTradePrevention),
                Trade(10, 1, Side.Buy, 2, 2, 101, 3),
                Book(Side.Sell, 101, 0),
                Cancelled(3, 1, Side.Sell, 102, 1, CancelReason.SelfTradePrevention),
                Book(Side.Sell, 102, 0),
                Book(Side.Buy, 102, 2),
            ],
            Send(engine, OrderRequest.Limit(10, 1, Side.Buy, 102, 5)));
    }

    [Fact]
    public void SelfTradeCanCancelIncomingOrder()
    {
        var engine = new MatchingEngine(SelfTradePrevention.CancelIncoming);
        Rest(engine, 2, 2, Side.Sell, 101, 3);
        Rest(engine, 1, 1, Side.Sell, 101, 2);

        Assert.Equal(
            [
                Accepted(10, 1, Side.Buy, 101, 5),
                Trade(10, 1, Side.Buy, 2, 2, 101, 3),
                Book(Side.Sell, 101, 2),
                Cancelled(10, 1, Side.Buy, 101, 2, CancelReason.SelfTradePrevention),
            ],
            Send(engine, OrderRequest.Limit(10, 1, Side.Buy, 101, 5)));
        Assert.Equal(
            [Accepted(11, 1, Side.Buy, 101, 1), Cancelled(11, 1, Side.Buy, 101, 1, CancelReason.SelfTradePrevention)],
            Send(engine, OrderRequest.Limit(11, 1, Side.Buy, 101, 1)));
        Assert.True(engine.TryGetOrder(1, out RestingOrder resting) && resting.Remaining == 2);
        Assert.Equal(0, engine.LevelCount(Side.Buy));
    }

    [Fact]
    public void SelfTradePreventionCanBeTurnedOff()
    {
        var engine = new MatchingEngine(SelfTradePrevention.None);
        Rest(engine, 1, 1, Side.Sell, 101, 2);

        Assert.Equal(
            [Accepted(10, 1, Side.Buy, 101, 2), Trade(10, 1, Side.Buy, 1, 1, 101, 2), Book(Side.Sell, 101, 0)],
            Send(engine, OrderRequest.Limit(10, 1, Side.Buy, 101, 2)));
    }

    [Fact]
    public void FillOrKillCountsOnlyLiquidityLeftBySelfTradePrevention()
    {
        var resting = new MatchingEngine(SelfTradePrevention.CancelResting);
        Rest(resting, 1, 1, Side.Sell, 101, 5);
        Rest(resting, 2, 2, Side.Sell, 101, 2);
        Assert.Equal(OrderRejectReason.FillOrKillNotFillable, resting.Submit(new OrderRequest(10, 1, Side.Buy, OrderType.FillOrKill, 101, 3, 0), _events));
        Assert.Equal(7, resting.SizeAt(Side.Sell, 101));
        Assert.Equal(
            [
                Accepted(11, 1, Side.Buy, 101, 2),
                Cancelled(1, 1, Side.Sell, 101, 5, CancelReason.SelfTradePrevention),
                Trade(11, 1, Side.Buy, 2, 2, 101, 2),
                Book(Side.Sell, 101, 0),
            ],
            Send(resting, new OrderRequest(11, 1, Side.Buy, OrderType.FillOrKill, 101, 2, 0)));

        var incoming = new MatchingEngine(SelfTradePrevention.CancelIncoming);
        Rest(incoming, 1, 2, Side.Sell, 101, 2);
        Rest(incoming, 2, 1, Side.Sell, 101, 5);
        Rest(incoming, 3, 2, Side.Sell, 101, 4);
        Assert.Equal(OrderRejectReason.FillOrKillNotFillable, incoming.Submit(new OrderRequest(10, 1, Side.Buy, OrderType.FillOrKill, 101, 3, 0), _events));
        Assert.Equal(OrderRejectReason.None, incoming.Submit(new OrderRequest(11, 1, Side.Buy, OrderType.FillOrKill, 101, 2, 0), _events));
        Assert.Equal(9, incoming.SizeAt(Side.Sell, 101));

        var off = new MatchingEngine(SelfTradePrevention.None);
        Rest(off, 1, 1, Side.Sell, 101, 5);
        Rest(off, 2, 2, Side.Sell, 101, 2);
        Assert.Equal(OrderRejectReason.None, off.Submit(new OrderRequest(10, 1, Side.Buy, OrderType.FillOrKill, 101, 7, 0), _events));
    }

    [Fact]
    public void CancelRemovesOrderAndFreesItsId()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 2);
        Rest(engine, 2, 2, Side.Buy, 100, 3);

        Assert.Equal([Cancelled(1, 1, Side.Buy, 100, 2, CancelReason.Requested, 9), Book(Side.Buy, 100, 3, 9)], Cancel(engine, 1, 9));
        AssertQueue(engine, 2, 0, 0);
        Assert.Equal([Cancelled(2, 2, Side.Buy, 100, 3, CancelReason.Requested), Book(Side.Buy, 100, 0)], Cancel(engine, 2, 0));
        Assert.Equal(0, engine.LevelCount(Side.Buy));
        Assert.Equal([Accepted(1, 3, Side.Sell, 105, 1), Book(Side.Sell, 105, 1)], Send(engine, OrderRequest.Limit(1, 3, Side.Sell, 105, 1)));
    }

    [Fact]
    public void ViewReportsLevelsOrderCountsAndDepth()
    {
        var engine = new MatchingEngine();
        Assert.Equal(default, engine.Best(Side.Buy));
        Rest(engine, 1, 1, Side.Buy, 99, 4);
        Rest(engine, 2, 1, Side.Buy, 100, 1);
        Rest(engine, 3, 2, Side.Buy, 97, 5);
        Rest(engine, 4, 3, Side.Buy, 100, 2);
        Rest(engine, 5, 1, Side.Sell, 103, 2);
        Rest(engine, 6, 2, Side.Sell, 101, 1);
        Rest(engine, 7, 3, Side.Sell, 103, 2);

        Assert.Equal(7, engine.OrderCount);
        Assert.Equal(3, engine.LevelCount(Side.Buy));
        Assert.Equal(new BookLevel(100, 3), engine.Level(Side.Buy, 0));
        Assert.Equal(new BookLevel(99, 4), engine.Level(Side.Buy, 1));
        Assert.Equal(new BookLevel(97, 5), engine.Level(Side.Buy, 2));
        Assert.Equal(new BookLevel(101, 1), engine.Best(Side.Sell));
        Assert.Equal(new BookLevel(103, 4), engine.Level(Side.Sell, 1));
        Assert.Equal(0, engine.SizeAt(Side.Buy, 98));
        Assert.Equal(4, engine.SizeAt(Side.Sell, 103));
        Assert.Equal(2, engine.OrderCountAt(Side.Buy, 100));
        Assert.Equal(0, engine.OrderCountAt(Side.Sell, 102));
        Assert.Equal(2, engine.LevelOrderCount(Side.Sell, 1));
        Assert.Equal(7, engine.DepthWithin(Side.Buy, 2));
        Assert.Equal(12, engine.DepthWithin(Side.Buy, 10));
        Assert.Equal(0, engine.DepthWithin(Side.Sell, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Level(Side.Buy, 3));
        Assert.False(engine.TryGetQueuePosition(42, out _, out _));
    }

    [Fact]
    public void ClearEmptiesBookAndCounters()
    {
        var engine = new MatchingEngine();
        Rest(engine, 1, 1, Side.Buy, 100, 2);
        Rest(engine, 2, 1, Side.Sell, 101, 2);
        engine.Cancel(3, 0, _events);

        engine.Clear();

        Assert.Equal(0, engine.OrderCount);
        Assert.Equal(0, engine.LevelCount(Side.Buy) + engine.LevelCount(Side.Sell));
        Assert.Equal(0, engine.TotalRejections + engine.Rejections(OrderRejectReason.UnknownOrder));
        Assert.False(engine.TryGetOrder(1, out _));
        Assert.Equal([Accepted(2, 1, Side.Buy, 101, 1), Book(Side.Buy, 101, 1)], Send(engine, OrderRequest.Limit(2, 1, Side.Buy, 101, 1)));
    }

    private static void AssertQueue(MatchingEngine engine, long id, long sizeAhead, int ordersAhead)
    {
        Assert.True(engine.TryGetQueuePosition(id, out long size, out int orders));
        Assert.Equal((sizeAhead, ordersAhead), (size, orders));
    }

    private void Rest(MatchingEngine engine, long id, int owner, Side side, long price, long size)
    {
        _events.Clear();
        Assert.Equal(OrderRejectReason.None, engine.Submit(OrderRequest.Limit(id, owner, side, price, size), _events));
        Assert.Equal(MatchingEventKind.BookChange, _events[_events.Count - 1].Kind);
    }

    private MatchingEvent[] Send(MatchingEngine engine, in OrderRequest order)
    {
        _events.Clear();
        engine.Submit(order, _events);
        return _events.Events.ToArray();
    }

    private MatchingEvent[] Amend(MatchingEngine engine, long id, long price, long size, long time)
    {
        _events.Clear();
        engine.Amend(id, price, size, time, _events);
        return _events.Events.ToArray();
    }

    private MatchingEvent[] Cancel(MatchingEngine engine, long id, long time)
    {
        _events.Clear();
        engine.Cancel(id, time, _events);
        return _events.Events.ToArray();
    }
}
