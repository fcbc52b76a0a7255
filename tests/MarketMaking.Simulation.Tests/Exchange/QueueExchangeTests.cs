using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Simulation.Tests.Exchange;

/// <summary>Our order in the real queue of hand-built order-by-order sequences (prices in ticks, sizes in lots).</summary>
public class QueueExchangeTests
{
    private const long Us = 1;
    private readonly List<ShadowEvent> _changes = [];
    private long _time;

    [Fact]
    public void TheQueueAheadShrinksOnlyWhenOrdersAheadOfUsLeaveByTheirIds()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Buy, 100, 5), Add(11, Side.Buy, 100, 3), Add(20, Side.Sell, 102, 4));
        Join(exchange, Side.Buy, 100, 2);
        Assert.Equal(8, exchange.QueueAhead(Us));

        // Orders behind us come and go: nothing ahead changes.
        Apply(exchange, Add(12, Side.Buy, 100, 4), Cancel(12, Side.Buy, 100, 1), Add(13, Side.Buy, 100, 6), Delete(13, Side.Buy, 100, 6));
        Assert.Equal(8, exchange.QueueAhead(Us));

        // An order at another price, and a partial cancel of the first order ahead.
        Apply(exchange, Add(14, Side.Buy, 99, 7), Cancel(10, Side.Buy, 100, 2));
        Assert.Equal(6, exchange.QueueAhead(Us));

        // Executions of the orders ahead move us up without filling us.
        Apply(exchange, Execute(10, Side.Buy, 100, 3), Execute(11, Side.Buy, 100, 1));
        Assert.Equal(2, exchange.QueueAhead(Us));
        Assert.DoesNotContain(_changes, c => c.Kind == ShadowEventKind.Filled);
        Assert.Equal(2, exchange.RemainingLots(Us));
    }

    [Fact]
    public void AnExecutionOfAnOrderBehindUsFillsUsUpToItsSizePartlyThenFully()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Sell, 101, 5), Add(20, Side.Buy, 99, 4));
        Join(exchange, Side.Sell, 101, 5);
        Apply(exchange, Add(11, Side.Sell, 101, 8));

        // The aggressor took 2 of order 11, behind us: it met us first.
        Apply(exchange, Execute(11, Side.Sell, 101, 2));
        ShadowEvent partial = Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled);
        Assert.Equal((2L, 3L, 101L), (partial.Lots, partial.RemainingLots, partial.PriceTicks));
        Assert.Equal(5, exchange.QueueAhead(Us));

        // 6 more of order 11: we fill our last 3 and leave.
        Apply(exchange, Execute(11, Side.Sell, 101, 6));
        ShadowEvent rest = Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled);
        Assert.Equal((3L, 0L), (rest.Lots, rest.RemainingLots));
        Assert.False(exchange.Contains(Us));
        Assert.Equal(2, exchange.QueueFills);

        // Without own impact the recorded execution happened in full: 5 + 8 − 8 lots rest.
        Assert.Equal(5, exchange.Book.SizeAt(Side.Sell, 101));
        Assert.Equal(0, exchange.TapeLotsRemoved);
    }

    [Fact]
    public void AnExecutionAtAWorsePriceWentThroughOurLevel()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Buy, 100, 5), Add(11, Side.Buy, 99, 5), Add(20, Side.Sell, 102, 4));
        Join(exchange, Side.Buy, 100, 3);

        // A better bid trading does not reach us; a worse one means the seller went through 100.
        Apply(exchange, Add(12, Side.Buy, 101, 1), Execute(12, Side.Buy, 101, 1));
        Assert.DoesNotContain(_changes, c => c.Kind == ShadowEventKind.Filled);
        Apply(exchange, Execute(11, Side.Buy, 99, 2));
        ShadowEvent fill = Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled);
        Assert.Equal((2L, 1L), (fill.Lots, fill.RemainingLots));
        Assert.Equal(1, exchange.ThroughFills);
    }

    [Fact]
    public void AHiddenExecutionAtOurPriceFillsUsOnlyWithNothingVisibleAhead()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Buy, 100, 5), Add(20, Side.Sell, 102, 4));
        Join(exchange, Side.Buy, 100, 3);

        // A lone Trade (no OrderExecute before it) is a hidden execution; Side is the aggressor's.
        Apply(exchange, Trade(Side.Sell, 100, 2));
        Assert.DoesNotContain(_changes, c => c.Kind == ShadowEventKind.Filled);
        Apply(exchange, Delete(10, Side.Buy, 100, 5), Trade(Side.Sell, 100, 2));
        Assert.Equal(2L, Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled).Lots);

        // The echo of a visible execution (a Trade right after its OrderExecute) is not a second one.
        Apply(exchange, Add(11, Side.Buy, 100, 4), Execute(11, Side.Buy, 100, 4), Trade(Side.Sell, 100, 4));
        Assert.Equal(1L, Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled).Lots);
    }

    [Fact]
    public void OwnImpactShortensTheExecutionThatFilledUsAndCountsIt()
    {
        var exchange = new QueueExchange(ownImpact: true);
        Apply(exchange, Add(10, Side.Buy, 100, 5), Add(20, Side.Sell, 102, 4));
        Join(exchange, Side.Buy, 100, 2);
        Apply(exchange, Add(11, Side.Buy, 100, 4), Execute(10, Side.Buy, 100, 5), Execute(11, Side.Buy, 100, 3));

        // We took 2 of the 3 the recorded seller sold to order 11, which keeps them: 4 − 1 rest.
        Assert.Equal(2L, Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled).Lots);
        Assert.Equal(3, exchange.Book.SizeAt(Side.Buy, 100));
        Assert.Equal(2, exchange.TapeLotsRemoved);
    }

    [Fact]
    public void AnAddThroughOurPriceTradesWithUsAndACrossingOrderOfOursIsRefused()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Buy, 100, 5), Add(20, Side.Sell, 102, 4));
        Join(exchange, Side.Buy, 101, 3);
        Apply(exchange, Add(21, Side.Sell, 101, 1));
        Assert.Equal(1L, Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled).Lots);
        Assert.Equal(1, exchange.CrossFills);

        exchange.Submit(2, Side.Sell, 100, 100, 1, activeFrom: _time);
        Apply(exchange, Add(12, Side.Buy, 99, 1));
        Assert.Contains(_changes, c => c.Kind == ShadowEventKind.Rejected && c.OrderId == 2);
        Assert.Equal(1, exchange.CrossingRejects);
    }

    [Fact]
    public void SeveralOfOurOrdersFillInPriceTimePriorityNotInTheOrderTheyWereSent()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Buy, 99, 5), Add(20, Side.Sell, 103, 4));

        // Sent in this order: 2 lots at 100, 2 at 101, then 2 more at 101 (behind the first there).
        exchange.Submit(1, Side.Buy, 100, 100, 2, activeFrom: _time);
        exchange.Submit(2, Side.Buy, 101, 101, 2, activeFrom: _time);
        exchange.Submit(3, Side.Buy, 101, 101, 2, activeFrom: _time);
        Apply(exchange, Add(11, Side.Buy, 98, 1));

        // A seller added at 100 for 5 lots meets 101 first, order 2 before 3, then 1 lot at 100.
        Apply(exchange, Add(21, Side.Sell, 100, 5));
        Assert.Equal(
            [(2L, 2L, 0L), (3L, 2L, 0L), (1L, 1L, 1L)],
            _changes.Where(c => c.Kind == ShadowEventKind.Filled).Select(c => (c.OrderId, c.Lots, c.RemainingLots)));
        Assert.Equal(3, exchange.CrossFills);

        // A seller going through to 99 for 1 lot: our last lot at 100 is ahead of the 99 bid.
        Apply(exchange, Execute(10, Side.Buy, 99, 1));
        Assert.Equal((1L, 1L, 0L), _changes.Where(c => c.Kind == ShadowEventKind.Filled).Select(c => (c.OrderId, c.Lots, c.RemainingLots)).Single());
        Assert.Equal(1, exchange.ThroughFills);
        Assert.Equal(0, exchange.OrderCount);
    }

    [Fact]
    public void OfOurOrdersArrivingBetweenTwoEventsTheFirstToReachTheExchangeIsAhead()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(10, Side.Buy, 99, 5), Add(20, Side.Sell, 103, 4));

        // Order 1 is sent first but takes 5 ns to arrive; order 2 arrives after 3.
        exchange.Submit(1, Side.Buy, 100, 100, 2, activeFrom: _time + 5);
        exchange.Submit(2, Side.Buy, 100, 100, 2, activeFrom: _time + 3);
        _time += 10;
        Apply(exchange, Add(21, Side.Sell, 100, 3));
        Assert.Equal(
            [(2L, 2L, 0L), (1L, 1L, 1L)],
            _changes.Where(c => c.Kind == ShadowEventKind.Filled).Select(c => (c.OrderId, c.Lots, c.RemainingLots)));
    }

    [Fact]
    public void AnOrderInFlightIsBehindWhatArrivesBeforeItAndACancelInFlightCanStillFill()
    {
        var exchange = new QueueExchange();
        Apply(exchange, Add(20, Side.Sell, 102, 4));
        exchange.Submit(Us, Side.Buy, 100, 100, 2, activeFrom: _time + 10);
        Apply(exchange, Add(10, Side.Buy, 100, 5));
        _time += 10;
        Apply(exchange, Add(11, Side.Buy, 100, 1));
        Assert.Equal(5, exchange.QueueAhead(Us));

        exchange.Cancel(Us, _time + 5);
        Apply(exchange, Execute(10, Side.Buy, 100, 5), Execute(11, Side.Buy, 100, 1));
        Assert.Equal(1L, Assert.Single(_changes, c => c.Kind == ShadowEventKind.Filled).Lots);
        _time += 5;
        Apply(exchange, Add(12, Side.Buy, 99, 1));
        Assert.Contains(_changes, c => c.Kind == ShadowEventKind.Cancelled && c.OrderId == Us && c.Lots == 1);
    }

    [Fact]
    public void VolumeTheSourceNeverNamedIsAheadOfUs()
    {
        // A level taken from the source's own book (anonymous orders) goes in front; an execution of an unknown id takes it.
        var exchange = new QueueExchange();
        Apply(exchange, Level(Side.Buy, 100, 6), Level(Side.Sell, 102, 3));
        Join(exchange, Side.Buy, 100, 1);
        Apply(exchange, Add(10, Side.Buy, 100, 2));
        Assert.Equal(6, exchange.QueueAhead(Us));
        Apply(exchange, Execute(999, Side.Buy, 100, 4));
        Assert.Equal(2, exchange.QueueAhead(Us));
        Assert.DoesNotContain(_changes, c => c.Kind == ShadowEventKind.Filled);
        Assert.Equal(4, exchange.Book.SizeAt(Side.Buy, 100));
    }

    [Fact]
    public void ReplayingOrderEventsWithOurOrdersAllocatesNothing()
    {
        var exchange = new QueueExchange();
        var changes = new List<ShadowEvent>(64);
        MarketEvent[] events = Churn(20_000);
        long id = 1_000_000;
        long bytes = SteadyState.AllocatedBytes(pass =>
        {
            long start = (long)pass * events.Length;
            for (int i = 0; i < events.Length; i++)
            {
                if (i % 500 == 0)
                {
                    exchange.Submit(++id, Side.Buy, 100, 100, 1, start + i);
                    exchange.Cancel(id, start + i + 100);
                }

                changes.Clear();
                exchange.Apply(events[i] with { ExchangeTime = start + i, LocalTime = start + i }, changes);
            }
        });
        Assert.Equal(0, bytes);
    }

    /// <summary>Orders added at 99-101 on both sides, then cancelled or executed, each id used once per pass.</summary>
    private static MarketEvent[] Churn(int count)
    {
        var events = new MarketEvent[count];
        for (int i = 0; i < count; i += 2)
        {
            Side side = i % 4 == 0 ? Side.Buy : Side.Sell;
            long price = side == Side.Buy ? 99 + (i % 3 == 0 ? 1 : 0) : 101 + (i % 3 == 0 ? 1 : 0);
            long orderId = i + 1;
            events[i] = new MarketEvent(i, i, MarketEventKind.OrderAdd, side, price, 3, orderId, EventMarkers.EndOfBatch);
            events[i + 1] = new MarketEvent(i + 1, i + 1, i % 6 == 0 ? MarketEventKind.OrderExecute : MarketEventKind.OrderDelete, side, price, 3, orderId, EventMarkers.EndOfBatch);
        }

        return events;
    }

    private static MarketEvent Add(long id, Side side, long price, long size) => new(0, 0, MarketEventKind.OrderAdd, side, price, size, id, EventMarkers.EndOfBatch);

    private static MarketEvent Cancel(long id, Side side, long price, long size) => new(0, 0, MarketEventKind.OrderCancel, side, price, size, id, EventMarkers.EndOfBatch);

    private static MarketEvent Delete(long id, Side side, long price, long size) => new(0, 0, MarketEventKind.OrderDelete, side, price, size, id, EventMarkers.EndOfBatch);

    private static MarketEvent Execute(long id, Side side, long price, long size) => new(0, 0, MarketEventKind.OrderExecute, side, price, size, id, EventMarkers.None);

    private static MarketEvent Trade(Side aggressor, long price, long size) => new(0, 0, MarketEventKind.Trade, aggressor, price, size, 0, EventMarkers.EndOfBatch);

    private static MarketEvent Level(Side side, long price, long size) => new(0, 0, MarketEventKind.BookLevel, side, price, size, 0, EventMarkers.Snapshot);

    /// <summary>Our order <see cref="Us"/> reaching the exchange now: the next event makes it rest.</summary>
    private void Join(QueueExchange exchange, Side side, long price, long lots)
    {
        exchange.Submit(Us, side, price, price, lots, activeFrom: _time);
        exchange.Apply(new MarketEvent(_time, _time, MarketEventKind.BookLevel, side, price, 0, 0, EventMarkers.None), _changes);
        Assert.Contains(_changes, c => c.Kind == ShadowEventKind.Accepted && c.OrderId == Us);
    }

    /// <summary>Applies the events at the current time; <see cref="_changes"/> then holds what they did to our orders.</summary>
    private void Apply(QueueExchange exchange, params MarketEvent[] events)
    {
        _changes.Clear();
        foreach (MarketEvent e in events)
        {
            exchange.Apply(e with { ExchangeTime = _time, LocalTime = _time }, _changes);
        }
    }
}
