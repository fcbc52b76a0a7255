using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Venue.Markets;

/// <summary>
/// A recorded market as the venue's market, replayed on the venue's clock: event k is applied once
/// the market time reaches its receive time minus the first one's. The clients' resting orders sit
/// in the replay's shadow queues (<see cref="ShadowExchange"/>, with the backtest's queue model), so
/// their fills are the backtest's; an order that takes liquidity trades against the recorded book
/// at its levels' prices, without moving it (a recording cannot react). The public book is the
/// recorded one: the clients' orders are not in it. Several recordings that share a clock
/// (<see cref="Several"/>) are one market each, replayed together in merged receive-time order.
/// </summary>
public sealed class ReplayVenueMarket : IVenueMarket
{
    private readonly ReplayTape _tape;
    private readonly ShadowExchange _shadow;
    private readonly List<ShadowEvent> _changes = [];
    private readonly Dictionary<long, long> _shadowOf = [];
    private readonly Dictionary<long, long> _venueOf = [];
    private readonly Dictionary<long, Side> _sides = [];
    private readonly Dictionary<long, long> _prices = [];
    private readonly int _events;
    private VenueMarketEvent[] _step = new VenueMarketEvent[64];
    private int _count;
    private int _replayed;
    private long _nextId = 1;
    private long _nextShadowId = 1;
    private long _exchangeTime;
    private long _lastTrade;

    /// <param name="events">The recording in receive-time order (a data reader's output).</param>
    /// <param name="instrument">The recording's instrument (its ticks and lots).</param>
    /// <param name="queueModel">How the clients' queue places move (the backtest's).</param>
    public ReplayVenueMarket(MarketEvent[] events, Instrument instrument, IQueueModel queueModel, int capacity = 1024)
        : this(Tape(events, null), 0, instrument, queueModel, capacity)
    {
        _tape.Attach([this]);
    }

    private ReplayVenueMarket(ReplayTape tape, int index, Instrument instrument, IQueueModel queueModel, int capacity)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _tape = tape;
        _shadow = new ShadowExchange(queueModel, capacity);
        _events = tape.Count(index);
        _exchangeTime = tape.FirstExchangeTime(index);
        TickSize = (decimal)instrument.TickSize;
        LotSize = (decimal)instrument.LotSize;
    }

    public decimal TickSize { get; }

    public decimal LotSize { get; }

    public double Time => _tape.Time;

    public IOrderBookView Book => _shadow.Book;

    public long LastTradeTicks => _lastTrade != 0 ? _lastTrade : Mid();

    /// <summary>Unknown: the recordings carry no open interest, and the recorded traders' positions are not in them.</summary>
    public long? OpenInterestLots => null;

    public IVenueMarketSink? Sink { get; set; }

    /// <summary>Events of this market's recording replayed so far.</summary>
    public long Replayed => _replayed;

    /// <summary>True once the whole recording has been replayed (the market then stands still).</summary>
    public bool IsFinished => _replayed == _events;

    /// <summary>Reads a whole recording into memory (56 bytes an event).</summary>
    public static (MarketEvent[] Events, Instrument Instrument) Read(IMarketEventSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var events = new List<MarketEvent>(1 << 16);
        var buffer = new MarketEvent[8192];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            events.AddRange(buffer.AsSpan(0, n));
        }

        return ([.. events], source.Instrument);
    }

    /// <summary>
    /// Reads recordings that share a clock, merged by receive time as the multi-instrument replay
    /// merges them: every event in merged order with the index of its recording.
    /// </summary>
    public static (MarketEvent[] Events, int[] Sources, IReadOnlyList<Instrument> Instruments) Read(MergedMarketEvents merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        var events = new List<MarketEvent>(1 << 17);
        var sources = new List<int>(1 << 17);
        var eventBuffer = new MarketEvent[8192];
        int[] sourceBuffer = new int[8192];
        int n;
        while ((n = merged.Read(eventBuffer, sourceBuffer)) > 0)
        {
            events.AddRange(eventBuffer.AsSpan(0, n));
            sources.AddRange(sourceBuffer.AsSpan(0, n));
        }

        return ([.. events], [.. sources], merged.Instruments);
    }

    /// <summary>
    /// One market per recording of a merged read (<see cref="Read(MergedMarketEvents)"/>), each with
    /// its own book and shadow queues, all on one clock: advancing any of them replays every
    /// recording up to that time in merged order. Each recording needs at least one event.
    /// </summary>
    public static IReadOnlyList<ReplayVenueMarket> Several(MarketEvent[] events, int[] sources, IReadOnlyList<Instrument> instruments, Func<IQueueModel> queueModel, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(queueModel);
        ReplayTape tape = Tape(events, sources);
        ReplayVenueMarket[] markets = [.. instruments.Select((instrument, i) => new ReplayVenueMarket(tape, i, instrument, queueModel(), capacity))];
        tape.Attach(markets);
        return markets;
    }

    public void AdvanceTo(double time) => _tape.AdvanceTo(time);

    /// <summary>Applies one of this market's recorded events (the tape calls it in receive-time order).</summary>
    internal void Replay(in MarketEvent e)
    {
        _replayed++;
        _exchangeTime = Math.Max(_exchangeTime, e.ExchangeTime);
        _shadow.Apply(in e, _changes);
        if (e.Kind == MarketEventKind.Trade)
        {
            _lastTrade = e.Price;
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.PublicTrade, Side = e.Side, Price = e.Price, Size = e.Size });
        }

        if (e.IsEndOfBatch)
        {
            _shadow.EndOfBatch(e.ExchangeTime, _changes);
        }

        Translate();
        if (e.IsEndOfBatch || e.Kind == MarketEventKind.Trade)
        {
            Flush();
        }
    }

    /// <summary>Sends what the last replayed events left unsent (the tape calls it at the end of every advance).</summary>
    internal void EndStep() => Flush();

    public long Submit(Side side, OrderType type, long price, long size)
    {
        long id = _nextId++;
                BookLevel touch = _shadow.Book.Best(side.Opposite());
        if (type == OrderType.Market)
        {
            price = side == Side.Buy ? long.MaxValue : 1;
        }

        bool crosses = !touch.IsEmpty && (side == Side.Buy ? price >= touch.Price : price <= touch.Price);
        if (type == OrderType.PostOnly && crosses)
        {
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Rejected, OrderId = id, Side = side, Price = price, Size = size, RejectReason = OrderRejectReason.PostOnlyWouldCross });
            Flush();
            return id;
        }

        if (type == OrderType.FillOrKill && Available(side, price) < size)
        {
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Rejected, OrderId = id, Side = side, Price = price, Size = size, RejectReason = OrderRejectReason.FillOrKillNotFillable });
            Flush();
            return id;
        }

        Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Accepted, OrderId = id, Side = side, Price = type == OrderType.Market ? 0 : price, Size = size });
        long left = size;
        if (crosses)
        {
            // Take the recorded levels up to the limit, each at its price; the recording does not move.
            OrderBook book = _shadow.Book;
            Side opposite = side.Opposite();
            for (int i = 0; i < book.LevelCount(opposite) && left > 0; i++)
            {
                BookLevel level = book.Level(opposite, i);
                if (side == Side.Buy ? level.Price > price : level.Price < price)
                {
                    break;
                }

                long traded = Math.Min(left, level.Size);
                left -= traded;
                Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Fill, OrderId = id, Side = side, Price = level.Price, Size = traded });
                Add(new VenueMarketEvent { Kind = VenueMarketEventKind.PublicTrade, Side = side, Price = level.Price, Size = traded });
                _lastTrade = level.Price;
            }
        }

        if (left > 0)
        {
            if ((type == OrderType.Limit && !crosses) || type == OrderType.PostOnly)
            {
                Rest(id, side, price, left);
                _shadow.AdvanceTo(_exchangeTime, _changes);
                Translate();
            }
            else
            {
                // IOC, market, and a crossing limit whose rest the recording cannot hold: cancelled.
                Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Done, OrderId = id, Side = side, Price = price, Size = left, CancelReason = CancelReason.Unfilled });
            }
        }

        Flush();
        return id;
    }

    public void Cancel(long orderId)
    {
                if (_shadowOf.TryGetValue(orderId, out long shadowId) && _shadow.Cancel(shadowId, _exchangeTime))
        {
            _shadow.AdvanceTo(_exchangeTime, _changes);
            Translate();
        }
        else
        {
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Rejected, OrderId = orderId, RejectReason = OrderRejectReason.UnknownOrder });
        }

        Flush();
    }

    /// <summary>
    /// A smaller size keeps the order's queue place; a new price or a larger size re-enters it at the
    /// back of its level (under a new shadow id), as the matching engine's rule is.
    /// </summary>
    public void Amend(long orderId, long price, long size)
    {
                if (!_shadowOf.TryGetValue(orderId, out long shadowId) || !_shadow.IsResting(shadowId))
        {
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Rejected, OrderId = orderId, Price = price, Size = size, RejectReason = OrderRejectReason.UnknownOrder });
            Flush();
            return;
        }

        Side side = _sides[orderId];
        if (price == _prices[shadowId] && size <= _shadow.RemainingLots(shadowId))
        {
            _shadow.Reduce(shadowId, size);
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Amended, OrderId = orderId, Side = side, Price = price, Size = size, KeptPriority = true });
            Flush();
            return;
        }

        BookLevel touch = _shadow.Book.Best(side.Opposite());
        if (!touch.IsEmpty && (side == Side.Buy ? price >= touch.Price : price <= touch.Price))
        {
            Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Rejected, OrderId = orderId, Side = side, Price = price, Size = size, RejectReason = OrderRejectReason.PostOnlyWouldCross });
            Flush();
            return;
        }

        _shadow.Reduce(shadowId, 0); // out at once, without a cancellation: the order lives on under a new shadow id
        _venueOf.Remove(shadowId);
        _prices.Remove(shadowId);
        Rest(orderId, side, price, size);
        _shadow.AdvanceTo(_exchangeTime, _changes);
        Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Amended, OrderId = orderId, Side = side, Price = price, Size = size, KeptPriority = false });
        Translate();
        Flush();
    }

    private void Rest(long id, Side side, long price, long size)
    {
        long shadowId = _nextShadowId++;
        _shadowOf[id] = shadowId;
        _venueOf[shadowId] = id;
        _sides[id] = side;
        _prices[shadowId] = price;
        _shadow.Submit(shadowId, side, price, (double)(price * TickSize), size, _exchangeTime);
    }

    /// <summary>The shadow exchange's changes to the clients' orders as venue events (its acceptance of a resting order was announced already).</summary>
    private void Translate()
    {
        foreach (ShadowEvent change in _changes)
        {
            if (!_venueOf.TryGetValue(change.OrderId, out long id))
            {
                continue;
            }

            switch (change.Kind)
            {
                case ShadowEventKind.Filled:
                    Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Fill, OrderId = id, Side = change.Side, Price = change.PriceTicks, Size = change.Lots, IsMaker = true });
                    if (change.RemainingLots == 0)
                    {
                        Forget(change.OrderId, id);
                    }

                    break;
                case ShadowEventKind.Cancelled:
                    Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Done, OrderId = id, Side = change.Side, Price = change.PriceTicks, Size = change.Lots, CancelReason = CancelReason.Requested });
                    Forget(change.OrderId, id);
                    break;
                case ShadowEventKind.Rejected:
                    Add(new VenueMarketEvent { Kind = VenueMarketEventKind.Done, OrderId = id, Side = change.Side, Price = change.PriceTicks, Size = change.Lots, CancelReason = CancelReason.Unfilled });
                    Forget(change.OrderId, id);
                    break;
            }
        }

        _changes.Clear();
    }

    private void Forget(long shadowId, long id)
    {
        _venueOf.Remove(shadowId);
        _prices.Remove(shadowId);
        if (_shadowOf.GetValueOrDefault(id) == shadowId)
        {
            _shadowOf.Remove(id);
            _sides.Remove(id);
        }
    }

    /// <summary>Lots on the other side at or better than <paramref name="price"/>.</summary>
    private long Available(Side side, long price)
    {
        OrderBook book = _shadow.Book;
        Side opposite = side.Opposite();
        long total = 0;
        for (int i = 0; i < book.LevelCount(opposite); i++)
        {
            BookLevel level = book.Level(opposite, i);
            if (side == Side.Buy ? level.Price > price : level.Price < price)
            {
                break;
            }

            total += level.Size;
        }

        return total;
    }

    private long Mid()
    {
        BookLevel bid = _shadow.Book.Best(Side.Buy);
        BookLevel ask = _shadow.Book.Best(Side.Sell);
        return !bid.IsEmpty && !ask.IsEmpty ? (bid.Price + ask.Price) / 2 : Math.Max(bid.Price, ask.Price);
    }

    private void Add(in VenueMarketEvent e)
    {
        if (_count == _step.Length)
        {
            Array.Resize(ref _step, _step.Length * 2);
        }

        _step[_count++] = e;
    }

    private void Flush()
    {
        if (_count > 0)
        {
            Sink?.OnStep(_step.AsSpan(0, _count), Time);
            _count = 0;
        }
    }

    private static ReplayTape Tape(MarketEvent[] events, int[]? sources)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Length == 0)
        {
            throw new ArgumentException("the recording holds no events", nameof(events));
        }

        if (sources is not null && sources.Length != events.Length)
        {
            throw new ArgumentException($"{sources.Length} source indices for {events.Length} events", nameof(sources));
        }

        return new ReplayTape(events, sources);
    }
}
