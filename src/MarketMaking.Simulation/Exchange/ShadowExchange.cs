using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Our orders resting in shadow queues beside a market we only observe (recorded data, or a live
/// public feed when paper trading): the market cannot see them, so their queue position is
/// estimated by an <see cref="IQueueModel"/>. Fed with market events (which rebuild its L2 book)
/// and order commands stamped with the exchange time they take effect, it reports every change to
/// our orders as a <see cref="ShadowEvent"/>. The backtest's replay, the paper venue and the local
/// venue's replay all run this one class, so their fills are the same.
/// <para>
/// An order rests from its arrival time at the back of its level; a cancel takes it out at its own
/// arrival time, and until then the order can still fill. Fills: a trade at our price consumes the
/// queue ahead of us and then us; a trade at a worse price than ours means the aggressor swept
/// through our level, so we fill in full; and if the other side of the book moves through our
/// price (checked at the end of each exchange message), we fill at our price. An order that would
/// cross the book when it arrives is refused (our quotes are post-only). Nothing allocates per event.
/// </para>
/// </summary>
public sealed class ShadowExchange : IReplayExchange
{
    private readonly IQueueModel _queueModel;
    private readonly OrderBook _book = new();
    private readonly ReplayOrders _orders;
    private readonly ReplayOrders.JoinQueue _joinBack;

    /// <param name="queueModel">Estimates our place in the queues.</param>
    /// <param name="capacity">Our orders expected resting (or in flight) at once; more grow the pool.</param>
    public ShadowExchange(IQueueModel queueModel, int capacity = 64)
    {
        _queueModel = queueModel ?? throw new ArgumentNullException(nameof(queueModel));
        _orders = new ReplayOrders(capacity);
        _joinBack = JoinBack;
    }

    /// <summary>The book rebuilt from the market events, without our orders.</summary>
    public OrderBook Book => _book;

    /// <summary>Our orders resting or in flight.</summary>
    public int OrderCount => _orders.Count;

    /// <summary>Orders refused on arrival because they would have crossed the book.</summary>
    public long CrossingRejects => _orders.CrossingRejects;

    /// <summary>Fills by a trade at a worse price than ours.</summary>
    public long ThroughFills { get; private set; }

    /// <summary>Fills by trades at our price once the queue ahead had traded.</summary>
    public long QueueFills { get; private set; }

    /// <summary>Fills by the other side of the book moving through our price.</summary>
    public long CrossFills { get; private set; }

    /// <summary>Always 0: L2 data has no orders to take our fills from.</summary>
    public long TapeLotsRemoved => 0;

    /// <summary>
    /// Sends an order that rests from exchange time <paramref name="activeFrom"/>; <paramref name="id"/>
    /// is the caller's and must be unique among the orders here.
    /// </summary>
    public void Submit(long id, Side side, long priceTicks, double price, long lots, long activeFrom) =>
        _orders.Submit(id, side, priceTicks, price, lots, activeFrom);

    /// <summary>True while the order rests or is in flight.</summary>
    public bool Contains(long id) => _orders.IndexOf(id) >= 0;

    /// <summary>Lots left on the order; 0 when it is not here.</summary>
    public long RemainingLots(long id) => _orders.RemainingLots(id);

    /// <summary>True once the order has reached the exchange and rests there.</summary>
    public bool IsResting(long id)
    {
        int i = _orders.IndexOf(id);
        return i >= 0 && _orders[i].IsActive;
    }

    /// <summary>Takes the order out at exchange time <paramref name="cancelAt"/> (a later cancel replaces an earlier one); false when it is not here.</summary>
    public bool Cancel(long id, long cancelAt) => _orders.Cancel(id, cancelAt);

    /// <summary>
    /// Lowers the order's size at once, keeping its queue place (a size can only shrink in place);
    /// an order reduced to nothing leaves. False when it is not here.
    /// </summary>
    public bool Reduce(long id, long lots) => _orders.Reduce(id, lots);

    /// <summary>
    /// One market event: first the orders and cancels that have arrived by its exchange time take
    /// effect, then the book is updated and our orders at a changed level or at a traded price move
    /// in their queues or fill.
    /// </summary>
    public void Apply(in MarketEvent e, List<ShadowEvent> events)
    {
        _orders.AdvanceTo(e.ExchangeTime, _book, _joinBack, events);
        switch (e.Kind)
        {
            case MarketEventKind.BookClear:
                _book.Clear();
                break;
            case MarketEventKind.BookLevel:
                long previous = _book.Set(e.Side, e.Price, e.Size);
                if (_orders.Count > 0)
                {
                    OnLevelChange(e.Side, e.Price, previous, e.Size);
                }

                break;
            case MarketEventKind.Trade:
                if (_orders.Count > 0)
                {
                    OnTrade(e, events);
                }

                break;
        }
    }

    /// <summary>
    /// Lets time pass without a market event (a quiet market): orders and cancels that have
    /// arrived by <paramref name="exchangeTime"/> take effect.
    /// </summary>
    public void AdvanceTo(long exchangeTime, List<ShadowEvent> events) => _orders.AdvanceTo(exchangeTime, _book, _joinBack, events);

    /// <summary>
    /// The end of an exchange message (a consistent book): an order the other side has moved through
    /// without a trade we saw was taken.
    /// </summary>
    public void EndOfBatch(long exchangeTime, List<ShadowEvent> events)
    {
        if (_orders.Count == 0)
        {
            return;
        }

        BookLevel bestBid = _book.Best(Side.Buy);
        BookLevel bestAsk = _book.Best(Side.Sell);
        for (int i = _orders.Count - 1; i >= 0; i--)
        {
            ref ReplayOrder order = ref _orders[i];
            if (!order.IsActive)
            {
                continue;
            }

            bool crossed = order.Side == Side.Buy
                ? !bestAsk.IsEmpty && bestAsk.Price <= order.PriceTicks
                : !bestBid.IsEmpty && bestBid.Price >= order.PriceTicks;
            if (crossed)
            {
                CrossFills++;
                _orders.Fill(i, order.RemainingLots, exchangeTime, events);
            }
        }
    }

    // We join the back of our level: everything resting there is ahead of us.
    private void JoinBack(ref ReplayOrder order) => order.Queue = new QueuePosition { Ahead = _book.SizeAt(order.Side, order.PriceTicks) };

    private void OnLevelChange(Side side, long price, long previous, long next)
    {
        for (int i = 0; i < _orders.Count; i++)
        {
            ref ReplayOrder order = ref _orders[i];
            if (order.IsActive && order.Side == side && order.PriceTicks == price)
            {
                _queueModel.OnLevelChange(ref order.Queue, previous, next);
            }
        }
    }

    private void OnTrade(in MarketEvent trade, List<ShadowEvent> events)
    {
        // A buyer lifts asks (our sells); a seller hits bids (our buys).
        Side passive = trade.Side.Opposite();
        for (int i = _orders.Count - 1; i >= 0; i--)
        {
            ref ReplayOrder order = ref _orders[i];
            if (!order.IsActive || order.Side != passive)
            {
                continue;
            }

            bool through = passive == Side.Buy ? trade.Price < order.PriceTicks : trade.Price > order.PriceTicks;
            if (through)
            {
                ThroughFills++;
                _orders.Fill(i, order.RemainingLots, trade.ExchangeTime, events);
            }
            else if (trade.Price == order.PriceTicks)
            {
                _queueModel.OnTrade(ref order.Queue, trade.Size);
                if (order.Queue.Ahead < 0)
                {
                    long filled = Math.Min(order.RemainingLots, (long)Math.Ceiling(-order.Queue.Ahead - 1e-9));
                    order.Queue.Ahead = 0;
                    if (filled > 0)
                    {
                        QueueFills++;
                        _orders.Fill(i, filled, trade.ExchangeTime, events);
                    }
                }
            }
        }
    }
}
