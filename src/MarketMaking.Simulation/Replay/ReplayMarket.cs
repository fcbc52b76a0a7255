using MarketMaking.Core.Accounting;
using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Signals.Features;

namespace MarketMaking.Simulation.Replay;

/// <summary>
/// Recorded market data replayed as a market for the event loop. The L2 book is rebuilt from
/// snapshots and deltas; our orders sit in shadow queues (<see cref="ShadowExchange"/>, whose
/// fill rules the paper venue shares), because the recording cannot react to them; on
/// order-by-order data with <see cref="ReplaySettings.ExactQueues"/>, in the real queues
/// (<see cref="QueueExchange"/>). No look-ahead:
/// events are processed in local (receive) time order and the strategy decides only at the end of
/// an exchange message, seeing what had been received by then. Our orders rest from exchange time
/// (decision time + entry latency) and are cancelled at (decision time + cancel latency); until
/// then they can still fill. Decision times are receive times put on the exchange's clock: a
/// recorder whose clock runs behind the exchange's (Binance's stamps receipt 1.27 s before the
/// exchange's own times) is moved forward so that no message arrives before it was sent, or every
/// order under that offset would arrive at once, whatever its latency.
/// </summary>
public sealed class ReplayMarket : IMarket
{
    private const int BufferSize = 4096;
    // Our orders expected at once (resting or travelling); the exchanges grow beyond it.
    private const int MaxOrders = 64;

    private readonly IMarketEventSource _source;
    private readonly ReplaySettings _settings;
    private readonly IReplayExchange _exchange;
    // The same exchange when it is the queue exchange: called directly, not through the interface, on every event.
    private readonly QueueExchange? _queues;
    // With exact queues: a source that leaves out the level after each order event (the order book rebuilds it).
    private readonly ILevelEchoSource? _echoes;
    private readonly OrderBook _book;
    private readonly List<ShadowEvent> _changes = new(MaxOrders * 2);
    // Not zeroed: only what the source has written is read.
    private readonly MarketEvent[] _buffer = GC.AllocateUninitializedArray<MarketEvent>(BufferSize);
    private readonly BookMarketState _state;
    private readonly double _lot;
    private int _position;
    private int _count;
    private long _nextOrderId = 1;
    private long _origin;
    private long _now;
    private bool _finished;
    // Events of the buffers read before this one (with _position, the events processed).
    private long _eventsBefore;
    private long _batches;
    // The smallest receive delay (local − exchange time) seen so far, at the ends of messages: when
    // negative, the local clock is behind the exchange's by at least that much.
    private long _fastestDelay = long.MaxValue;

    public ReplayMarket(IMarketEventSource source, ReplaySettings settings)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        _queues = _settings.ExactQueues ? new QueueExchange(_settings.OwnImpact, MaxOrders) : null;
        _exchange = _queues ?? (IReplayExchange)new ShadowExchange(_settings.QueueModel, MaxOrders);
        _book = _exchange.Book;
        if (_queues is not null && source is ILevelEchoSource echoes)
        {
            // The queue exchange passes those levels by (they echo what the order events did), and a
            // LOBSTER day is half such levels.
            echoes.OmitLevelEchoes = true;
            _echoes = echoes;
        }

        Instrument data = source.Instrument;
        Instrument = new Instrument(data.Symbol, data.TickSize, data.LotSize, _settings.MakerFeeRate ?? data.MakerFeeRate, _settings.TakerFeeRate ?? data.TakerFeeRate);
        _state = new BookMarketState(_book, Instrument.TickSize, _settings.VolatilityWindow);
        _lot = Instrument.LotSize;
        if (!Instrument.HasPriceGrid)
        {
            throw new ArgumentException("replayed data needs an instrument with a tick size", nameof(source));
        }

        WarmUp();
    }

    public Instrument Instrument { get; }

    /// <summary>Seconds since the end of the warm-up, as of the last event processed (kept, not recomputed: the loop reads it several times a step).</summary>
    public double Time { get; private set; }

    public double TimeLeft => double.PositiveInfinity;

    public double Mid => _state.Mid;

    public double BestBid => _state.BestBid;

    public double BestAsk => _state.BestAsk;

    /// <summary>Realized volatility of the mid per √second over the volatility window; NaN until a whole window has been seen.</summary>
    public double Volatility => _state.Volatility;

    public double Alpha => 0;

    public bool IsFinished => _finished;

    /// <summary>The rebuilt book, as of the last event processed.</summary>
    public IOrderBookView Book => _book;

    /// <summary>Features kept current from the replayed book and trades (none when null: they cost time).</summary>
    public MarketFeatures? Features
    {
        get => _state.Features;
        set => _state.Features = value;
    }

    public ReadOnlySpan<double> FeatureValues => _state.FeatureValues;

    /// <summary>Local time of the last event processed (ns since the epoch).</summary>
    public long LocalTime => _now;

    /// <summary>Counts so far; the events include those the source left out (<see cref="ILevelEchoSource"/>).</summary>
    public ReplayStatistics Statistics => new(_eventsBefore + _position + (_echoes?.OmittedEvents ?? 0), _batches, _exchange.CrossingRejects, _exchange.ThroughFills, _exchange.QueueFills, _exchange.CrossFills, _exchange.TapeLotsRemoved, ClockShift);

    /// <summary>Nanoseconds added to receive times to put them on the exchange's clock (0 unless the data shows a message received before it was sent).</summary>
    public long ClockShift => _fastestDelay < 0 ? -_fastestDelay : 0;

    public long Submit(Side side, double price, double quantity)
    {
        long id = _nextOrderId++;
        _exchange.Submit(id, side, Instrument.ToTicks(price), price, Instrument.ToLots(quantity), _now + ClockShift + _settings.Latency.OrderEntry());
        return id;
    }

    public void Cancel(long orderId)
    {
        // The latency model draws only for an order still there, as the seeded runs expect.
        if (_exchange.Contains(orderId))
        {
            _exchange.Cancel(orderId, _now + ClockShift + _settings.Latency.Cancel());
        }
    }

    public void Reduce(long orderId, double newQuantity) => _exchange.Reduce(orderId, Instrument.ToLots(newQuantity));

    public void Advance(List<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        if (_finished)
        {
            throw new InvalidOperationException("the replay has reached the end of its data");
        }

        long returnAt = _now + _settings.RequoteInterval;
        int fillsBefore = fills.Count;
        while (TryNext())
        {
            ref readonly MarketEvent e = ref _buffer[_position - 1];
            _now = e.LocalTime;
            Apply(e);
            if (e.Kind == MarketEventKind.Trade)
            {
                _state.OnTrade(e);
            }

            if (_changes.Count > 0)
            {
                AddFills(fills);
                _changes.Clear();
            }

            if (e.IsEndOfBatch)
            {
                OnBatchEnd(e);
                if (_queues is null)
                {
                    // The shadow exchange's end-of-message check; the queue exchange fills at each event.
                    _exchange.EndOfBatch(e.ExchangeTime, _changes);
                    if (_changes.Count > 0)
                    {
                        AddFills(fills);
                        _changes.Clear();
                    }
                }
                if (_state.HasBothSides && (fills.Count > fillsBefore || _now >= returnAt))
                {
                    Time = Elapsed(_now);
                    return;
                }
            }
        }

        Time = Elapsed(_now);
        _finished = true;
    }

    /// <summary>
    /// Replays the warm-up: up to the first consistent two-sided book at least StartAfter after the
    /// first event, so the first decision has a mid (and any calibration window is behind it).
    /// </summary>
    private void WarmUp()
    {
        long first = long.MinValue;
        while (TryNext())
        {
            ref readonly MarketEvent e = ref _buffer[_position - 1];
            _now = e.LocalTime;
            first = first == long.MinValue ? e.LocalTime : first;
            Apply(e);
            if (e.Kind == MarketEventKind.Trade)
            {
                _state.OnTrade(e);
            }

            if (e.IsEndOfBatch)
            {
                OnBatchEnd(e);
                if (_state.HasBothSides && e.LocalTime - first >= _settings.StartAfter)
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

    /// <summary>The end of an exchange message: counted, its receive delay kept for the clock shift, the volatility and features updated.</summary>
    private void OnBatchEnd(in MarketEvent e)
    {
        _batches++;
        _fastestDelay = Math.Min(_fastestDelay, e.LocalTime - e.ExchangeTime);
        _state.OnBatchEnd(e.LocalTime, e.ExchangeTime);
    }

    /// <summary>Steps to the next event, refilling the buffer when it is used up; the event is read in place at <c>_buffer[_position - 1]</c> (not copied out).</summary>
    private bool TryNext()
    {
        if (_position == _count)
        {
            _eventsBefore += _count;
            _count = _source.Read(_buffer);
            _position = 0;
            if (_count == 0)
            {
                return false;
            }
        }

        _position++;
        return true;
    }

    /// <summary>The event to the exchange, with the changes to our orders it makes in <see cref="_changes"/> (empty before: whoever reads them clears them).</summary>
    private void Apply(in MarketEvent e)
    {
        if (_queues is not null)
        {
            _queues.Apply(e, _changes);
        }
        else
        {
            _exchange.Apply(e, _changes);
        }
    }

    private double Elapsed(long now) => (now - _origin) / 1e9;

    /// <summary>Our fills among the shadow exchange's changes, priced at our order and marked at the mid now.</summary>
    // Called only when there are changes: most events change none of our orders.
    private void AddFills(List<Fill> fills)
    {
        foreach (ShadowEvent change in _changes)
        {
            if (change.Kind == ShadowEventKind.Filled)
            {
                double quantity = change.Lots * _lot;
                fills.Add(new Fill(Elapsed(_now), change.OrderId, change.Side, change.Price, quantity, Instrument.Fee(change.Price, quantity, isMaker: true), IsMaker: true, Mid));
            }
        }
    }
}
