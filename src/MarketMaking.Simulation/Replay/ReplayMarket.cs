using MarketMaking.Core.Accounting;
using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Signals.Features;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Simulation.Replay;

/// <summary>
/// Recorded market data replayed as a market for the event loop. The L2 book is rebuilt from
/// snapshots and deltas; our orders sit in shadow queues estimated by a queue model, because the
/// recording cannot react to them. No look-ahead: events are processed in local (receive) time
/// order and the strategy decides only at the end of an exchange message, seeing what had been
/// received by then. Our orders rest from exchange time (decision time + entry latency) and are
/// cancelled at (decision time + cancel latency); until then they can still fill.
/// Fills: a trade at our price consumes the queue ahead of us and then us; a trade at a worse
/// price than ours means the aggressor swept through our level, so we fill in full; and if the
/// other side of the book moves through our price, we fill at our price. An order that would
/// cross the book when it arrives is refused (our quotes are post-only).
/// </summary>
public sealed class ReplayMarket : IMarket
{
    private const int BufferSize = 4096;
    private const int MaxOrders = 64;

    private readonly IMarketEventSource _source;
    private readonly ReplaySettings _settings;
    private readonly OrderBook _book = new();
    private readonly MarketEvent[] _buffer = new MarketEvent[BufferSize];
    private readonly ShadowOrder[] _orders = new ShadowOrder[MaxOrders];
    private readonly RealizedVolatility _volatility;
    private readonly double _tick;
    private readonly double _lot;
    private int _position;
    private int _count;
    private int _orderCount;
    private long _nextOrderId = 1;

    // Exchange time of the earliest pending activation or cancel: orders are only scanned then.
    private long _nextAction = long.MaxValue;
    private long _origin;
    private long _now;
    private bool _finished;
    private long _events;
    private long _batches;
    private long _crossingRejects;
    private long _throughFills;
    private long _queueFills;
    private long _crossFills;

    public ReplayMarket(IMarketEventSource source, ReplaySettings settings)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        Instrument data = source.Instrument;
        Instrument = new Instrument(data.Symbol, data.TickSize, data.LotSize, _settings.MakerFeeRate ?? data.MakerFeeRate, _settings.TakerFeeRate ?? data.TakerFeeRate);
        _volatility = new RealizedVolatility(_settings.VolatilityWindow);
        _tick = Instrument.TickSize;
        _lot = Instrument.LotSize;
        if (!Instrument.HasPriceGrid)
        {
            throw new ArgumentException("replayed data needs an instrument with a tick size", nameof(source));
        }

        WarmUp();
    }

    public Instrument Instrument { get; }

    public double Time => (_now - _origin) / 1e9;

    public double TimeLeft => double.PositiveInfinity;

    public double Mid => _book.Mid * _tick;

    public double BestBid => _book.LevelCount(Side.Buy) > 0 ? _book.Best(Side.Buy).Price * _tick : double.NaN;

    public double BestAsk => _book.LevelCount(Side.Sell) > 0 ? _book.Best(Side.Sell).Price * _tick : double.NaN;

    /// <summary>Realized volatility of the mid per √second over the volatility window; NaN until a whole window has been seen.</summary>
    public double Volatility => _volatility.IsReady ? _volatility.Value * _tick : double.NaN;

    public double Alpha => 0;

    public bool IsFinished => _finished;

    /// <summary>The rebuilt book, as of the last event processed.</summary>
    public IOrderBookView Book => _book;

    /// <summary>Features kept current from the replayed book and trades (none when null: they cost time).</summary>
    public MarketFeatures? Features { get; set; }

    public ReadOnlySpan<double> FeatureValues => Features is null ? [] : Features.Values;

    /// <summary>Local time of the last event processed (ns since the epoch).</summary>
    public long LocalTime => _now;

    public ReplayStatistics Statistics => new(_events, _batches, _crossingRejects, _throughFills, _queueFills, _crossFills);

    public long Submit(Side side, double price, double quantity)
    {
        if (_orderCount == MaxOrders)
        {
            throw new InvalidOperationException($"at most {MaxOrders} of our orders can rest in a replay");
        }

        long id = _nextOrderId++;
        _orders[_orderCount++] = new ShadowOrder
        {
            Id = id,
            Side = side,
            PriceTicks = Instrument.ToTicks(price),
            Price = price,
            RemainingLots = Instrument.ToLots(quantity),
            ActiveFrom = _now + _settings.Latency.OrderEntry(),
            CancelAt = long.MaxValue,
        };
        _nextAction = Math.Min(_nextAction, _orders[_orderCount - 1].ActiveFrom);
        return id;
    }

    public void Cancel(long orderId)
    {
        int i = IndexOf(orderId);
        if (i >= 0)
        {
            _orders[i].CancelAt = _now + _settings.Latency.Cancel();
            _nextAction = Math.Min(_nextAction, _orders[i].CancelAt);
        }
    }

    public void Reduce(long orderId, double newQuantity)
    {
        int i = IndexOf(orderId);
        if (i >= 0)
        {
            _orders[i].RemainingLots = Math.Min(_orders[i].RemainingLots, Instrument.ToLots(newQuantity));
            if (_orders[i].RemainingLots <= 0)
            {
                RemoveAt(i);
            }
        }
    }

    public void Advance(List<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        if (_finished)
        {
            throw new InvalidOperationException("the replay has reached the end of its data");
        }

        long returnAt = _now + _settings.RequoteInterval;
        int fillsBefore = fills.Count;
        while (TryNext(out MarketEvent e))
        {
            _now = e.LocalTime;
            if (e.ExchangeTime >= _nextAction)
            {
                UpdateOrders(e.ExchangeTime);
            }

            Apply(e, fills);
            if (e.IsEndOfBatch)
            {
                _batches++;
                _volatility.Update(e.LocalTime, _book.Mid);
                Features?.OnBook(e.ExchangeTime, _book);
                if (_orderCount > 0)
                {
                    FillCrossedOrders(fills);
                }

                if (HasBothSides && (fills.Count > fillsBefore || _now >= returnAt))
                {
                    return;
                }
            }
        }

        _finished = true;
    }

    private bool HasBothSides => _book.LevelCount(Side.Buy) > 0 && _book.LevelCount(Side.Sell) > 0;

    /// <summary>
    /// Replays the warm-up: up to the first consistent two-sided book at least StartAfter after the
    /// first event, so the first decision has a mid (and any calibration window is behind it).
    /// </summary>
    private void WarmUp()
    {
        long first = long.MinValue;
        while (TryNext(out MarketEvent e))
        {
            _now = e.LocalTime;
            first = first == long.MinValue ? e.LocalTime : first;
            _book.Apply(e);
            if (e.Kind == MarketEventKind.Trade)
            {
                Features?.OnTrade(e);
            }

            if (e.IsEndOfBatch)
            {
                _batches++;
                _volatility.Update(e.LocalTime, _book.Mid);
                Features?.OnBook(e.ExchangeTime, _book);
                if (HasBothSides && e.LocalTime - first >= _settings.StartAfter)
                {
                    _origin = e.LocalTime;
                    return;
                }
            }
        }

        throw new InvalidParameterException("data", _settings.StartAfter > 0
            ? $"the data ends before {_settings.StartAfter / 1e9:G} s of warm-up, or never shows a book with both sides"
            : "the data never shows a book with both sides");
    }

    private bool TryNext(out MarketEvent e)
    {
        if (_position == _count)
        {
            _count = _source.Read(_buffer);
            _position = 0;
            if (_count == 0)
            {
                e = default;
                return false;
            }
        }

        e = _buffer[_position++];
        _events++;
        return true;
    }

    private void Apply(in MarketEvent e, List<Fill> fills)
    {
        switch (e.Kind)
        {
            case MarketEventKind.BookClear:
                _book.Clear();
                break;
            case MarketEventKind.BookLevel:
                long previous = _book.Set(e.Side, e.Price, e.Size);
                if (_orderCount > 0)
                {
                    OnLevelChange(e.Side, e.Price, previous, e.Size);
                }

                break;
            case MarketEventKind.Trade:
                Features?.OnTrade(e);
                if (_orderCount > 0)
                {
                    OnTrade(e, fills);
                }

                break;
        }
    }

    /// <summary>Activates orders that have reached the exchange and removes those whose cancel has.</summary>
    private void UpdateOrders(long exchangeTime)
    {
        _nextAction = long.MaxValue;
        for (int i = _orderCount - 1; i >= 0; i--)
        {
            ref ShadowOrder order = ref _orders[i];
            if (exchangeTime >= order.CancelAt)
            {
                RemoveAt(i);
                continue;
            }

            if (!order.IsActive)
            {
                if (exchangeTime >= order.ActiveFrom)
                {
                    Activate(ref order, i);
                }
                else
                {
                    _nextAction = Math.Min(_nextAction, order.ActiveFrom);
                }
            }

            if (i < _orderCount && _orders[i].CancelAt != long.MaxValue)
            {
                _nextAction = Math.Min(_nextAction, _orders[i].CancelAt);
            }
        }
    }

    private void Activate(ref ShadowOrder order, int index)
    {
        BookLevel opposite = _book.Best(order.Side.Opposite());
        bool crosses = !opposite.IsEmpty && (order.Side == Side.Buy ? order.PriceTicks >= opposite.Price : order.PriceTicks <= opposite.Price);
        if (crosses)
        {
            _crossingRejects++;
            RemoveAt(index);
            return;
        }

        // We join the back of our level: everything resting there is ahead of us.
        order.IsActive = true;
        order.Queue = new QueuePosition { Ahead = _book.SizeAt(order.Side, order.PriceTicks) };
    }

    private void OnLevelChange(Side side, long price, long previous, long next)
    {
        for (int i = 0; i < _orderCount; i++)
        {
            ref ShadowOrder order = ref _orders[i];
            if (order.IsActive && order.Side == side && order.PriceTicks == price)
            {
                _settings.QueueModel.OnLevelChange(ref order.Queue, previous, next);
            }
        }
    }

    private void OnTrade(in MarketEvent trade, List<Fill> fills)
    {
        // A buyer lifts asks (our sells); a seller hits bids (our buys).
        Side passive = trade.Side.Opposite();
        for (int i = _orderCount - 1; i >= 0; i--)
        {
            ref ShadowOrder order = ref _orders[i];
            if (!order.IsActive || order.Side != passive)
            {
                continue;
            }

            bool through = passive == Side.Buy ? trade.Price < order.PriceTicks : trade.Price > order.PriceTicks;
            if (through)
            {
                _throughFills++;
                Fill(i, order.RemainingLots, fills);
            }
            else if (trade.Price == order.PriceTicks)
            {
                _settings.QueueModel.OnTrade(ref order.Queue, trade.Size);
                if (order.Queue.Ahead < 0)
                {
                    long filled = Math.Min(order.RemainingLots, (long)Math.Ceiling(-order.Queue.Ahead - 1e-9));
                    order.Queue.Ahead = 0;
                    if (filled > 0)
                    {
                        _queueFills++;
                        Fill(i, filled, fills);
                    }
                }
            }
        }
    }

    /// <summary>The other side moved through our price without a trade we saw: we were taken.</summary>
    private void FillCrossedOrders(List<Fill> fills)
    {
        BookLevel bestBid = _book.Best(Side.Buy);
        BookLevel bestAsk = _book.Best(Side.Sell);
        for (int i = _orderCount - 1; i >= 0; i--)
        {
            ref ShadowOrder order = ref _orders[i];
            if (!order.IsActive)
            {
                continue;
            }

            bool crossed = order.Side == Side.Buy
                ? !bestAsk.IsEmpty && bestAsk.Price <= order.PriceTicks
                : !bestBid.IsEmpty && bestBid.Price >= order.PriceTicks;
            if (crossed)
            {
                _crossFills++;
                Fill(i, order.RemainingLots, fills);
            }
        }
    }

    /// <summary>Fills order <paramref name="index"/> by <paramref name="lots"/>; a fully filled order leaves at once.</summary>
    private void Fill(int index, long lots, List<Fill> fills)
    {
        ref ShadowOrder order = ref _orders[index];
        double quantity = lots * _lot;
        fills.Add(new Fill(Time, order.Id, order.Side, order.Price, quantity, Instrument.Fee(order.Price, quantity, isMaker: true), IsMaker: true, Mid));
        order.RemainingLots -= lots;
        if (order.RemainingLots <= 0)
        {
            RemoveAt(index);
        }
    }

    private int IndexOf(long id)
    {
        for (int i = 0; i < _orderCount; i++)
        {
            if (_orders[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private void RemoveAt(int index)
    {
        Array.Copy(_orders, index + 1, _orders, index, _orderCount - index - 1);
        _orderCount--;
    }
}
