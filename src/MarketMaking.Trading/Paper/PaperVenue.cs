using System.Globalization;
using System.Runtime.CompilerServices;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Trading.Accounting;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Paper;

/// <summary>
/// Paper trading: live public data from a venue, our orders simulated locally against that book
/// by the replay's <see cref="ShadowExchange"/> with its queue and latency models, so paper fills
/// are as realistic as backtest fills (not "filled when touched"). No API key. Orders reach the
/// book <see cref="PaperSettings.Latency"/> after the exchange time of the last message the
/// session had seen when it sent them; every change to them comes back as the private updates a
/// real venue would push (order states, executions with maker fees).
/// </summary>
public sealed class PaperVenue : IVenue
{
    private const string ExecutionPrefix = "paper-exec-";

    private readonly IMarketDataSource _data;
    private readonly PaperSettings _settings;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<string, PaperOrder> _byLink = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PaperOrder> _byShadowId = [];
    private readonly List<VenueExecution> _executions = [];
    private readonly ExecutionBook _book = new();
    private readonly List<ShadowEvent> _changes = [];
    private ShadowExchange? _exchange;
    private VenueInstrument? _instrument;
    private long _nextShadowId;
    private long _nextExecution;
    private long _clock;
    private long _clockSetAt;

    public PaperVenue(IMarketDataSource data, PaperSettings? settings = null, TimeProvider? time = null)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _settings = (settings ?? new PaperSettings()).Validate();
        _time = time ?? TimeProvider.System;
    }

    public string Name => $"paper on {_data.Name}";

    public VenueIdentity Identity => new(Paper: true, _data.Name, _data.Endpoint);

    public bool SupportsAmend => true;

    /// <summary>The shadow exchange our orders rest in (for statistics).</summary>
    public ShadowExchange Exchange => _exchange ?? throw new InvalidOperationException("connect first");

    public async Task<VenueInstrument> ConnectAsync(string symbol, CancellationToken cancellationToken)
    {
        if (_instrument is not null)
        {
            return _instrument; // connected before (a restarted session): our orders are still here
        }

        VenueInstrument source = await _data.InstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        Instrument i = source.Instrument;
        _instrument = source with { Instrument = new Instrument(i.Symbol, i.TickSize, i.LotSize, (double)_settings.MakerFeeRate, (double)_settings.TakerFeeRate) };
        _exchange = new ShadowExchange(_settings.QueueModel, _settings.Capacity);
        return _instrument;
    }

    public IAsyncEnumerable<BybitFeedMessage> MarketDataAsync(CancellationToken cancellationToken) =>
        _data.StreamAsync(_instrument ?? throw new InvalidOperationException("connect first"), cancellationToken);

    public async IAsyncEnumerable<PrivateUpdate> PrivateUpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new StreamStatus(true, "paper venue: simulated locally") { ReceivedAt = Now() };
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Observe(BybitFeedMessage message, List<PrivateUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(updates);
        lock (_gate)
        {
            ShadowExchange exchange = Exchange;
            IReadOnlyList<MarketEvent> events = message.Events;
            for (int i = 0; i < events.Count; i++)
            {
                MarketEvent e = events[i];
                _clock = Math.Max(_clock, e.ExchangeTime);
                _clockSetAt = Now();
                _changes.Clear();
                exchange.Apply(e, _changes);
                if (e.IsEndOfBatch)
                {
                    exchange.EndOfBatch(e.ExchangeTime, _changes);
                }

                Report(updates);
            }
        }
    }

    public void Tick(long now, List<PrivateUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        lock (_gate)
        {
            if (_exchange is null || _clockSetAt == 0)
            {
                return;
            }

            // The venue's clock runs on from the last message as ours does.
            _clock = Math.Max(_clock, _clock + (now - _clockSetAt));
            _clockSetAt = now;
            _changes.Clear();
            _exchange.AdvanceTo(_clock, _changes);
            Report(updates);
        }
    }

    public ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(command.Kind switch
            {
                OrderCommandKind.Create => Create(command),
                OrderCommandKind.Amend => Amend(command),
                OrderCommandKind.Cancel => Cancel(command),
                _ => CancelAll(command),
            });
        }
    }

    public Task<VenueSnapshot> SnapshotAsync(long executionsSince, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var open = _byLink.Values.Where(o => o.IsOpen).Select(o => o.Update(_clock)).ToList();
            var executions = _executions.Where(e => e.ExecutionTime >= executionsSince).ToList();
            return Task.FromResult(new VenueSnapshot(open, _book.Position, executions, Now()));
        }
    }

    /// <summary>Every closed paper order, whenever created: they live in this process (its runs on one journal share them) and the paper clock is the market's, not the one <paramref name="since"/> is on.</summary>
    public Task<IReadOnlyList<VenueOrderUpdate>> ClosedOrdersAsync(long since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<VenueOrderUpdate>>(_byLink.Values.Where(o => !o.IsOpen).Select(o => o.Update(_clock)).ToList());
        }
    }

    public Task<long> ServerTimeAsync(CancellationToken cancellationToken) => _data.ServerTimeAsync(cancellationToken);

    public Task<VenueAccount> AccountAsync(long since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new VenueAccount(_book.Position, _book.Cash, _executions.Select(e => e.ExecutionId).ToList(), _byLink.Values.Count(o => o.IsOpen)));
        }
    }

    /// <summary>
    /// A paper account lives in this process: one started afresh on a journal takes the journal's
    /// executions (so its position, cash and execution ids agree with it; the next ids follow the
    /// journal's) and the position it ends with (an adoption included). A venue that has traded
    /// already (a session restarted in the same process) is that account still and keeps its own.
    /// </summary>
    public void ResumeFrom(JournalState journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        lock (_gate)
        {
            if (_executions.Count > 0)
            {
                return;
            }

            foreach (JournalFill fill in journal.Fills)
            {
                _executions.Add(new VenueExecution(fill.ExecutionId, fill.LinkId, "", fill.Side, fill.Price, fill.Quantity, fill.Fee, fill.IsMaker, fill.ExchangeTime));
                _book.Apply(fill.ExecutionId, fill.Side, fill.Price, fill.Quantity, fill.Fee, fill.ExchangeTime);
                if (fill.ExecutionId.StartsWith(ExecutionPrefix, StringComparison.Ordinal)
                    && long.TryParse(fill.ExecutionId.AsSpan(ExecutionPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long counter))
                {
                    _nextExecution = Math.Max(_nextExecution, counter);
                }
            }

            _book.RestorePosition(journal.Book.Position);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private long Now() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    private OrderReply Create(OrderCommand command)
    {
        VenueInstrument instrument = _instrument ?? throw new InvalidOperationException("connect first");
        if (_byLink.ContainsKey(command.LinkId))
        {
            return Reply(command, ReplyOutcome.Rejected, 110072, "OrderLinkedID is duplicate", null);
        }

        if (command.Quantity <= 0 || command.Quantity % instrument.LotSize != 0 || (!command.IsMarket && (command.Price <= 0 || command.Price % instrument.TickSize != 0)))
        {
            return Reply(command, ReplyOutcome.Rejected, 10001, "price or quantity off the instrument's grid", null);
        }

        var order = new PaperOrder(command.LinkId, "paper-" + (_nextShadowId + 1).ToString(CultureInfo.InvariantCulture), command.Side, command.Price, command.Quantity);
        _byLink[command.LinkId] = order;
        if (command.IsMarket)
        {
            Take(order, command.ReduceOnly);
            return Reply(command, ReplyOutcome.Accepted, 0, "OK", order.ExchangeId);
        }

        Rest(order, command.Price, command.Quantity);
        return Reply(command, ReplyOutcome.Accepted, 0, "OK", order.ExchangeId);
    }

    private OrderReply Amend(OrderCommand command)
    {
        if (!_byLink.TryGetValue(command.LinkId, out PaperOrder? order) || !order.IsOpen)
        {
            return Reply(command, ReplyOutcome.Rejected, 110001, "order not exists or too late to amend", null);
        }

        VenueInstrument instrument = _instrument!;
        decimal remaining = command.Quantity - order.Executed;
        if (remaining <= 0)
        {
            return Reply(command, ReplyOutcome.Rejected, 110017, "amended quantity is not above the executed quantity", null);
        }

        if (command.Price == order.Price && command.Quantity <= order.Quantity)
        {
            // A smaller size at the same price keeps the queue place, as in the backtest.
            Exchange.Reduce(order.ShadowId, (long)(remaining / instrument.LotSize));
            order.Quantity = command.Quantity;
        }
        else
        {
            // A new price (or a larger size) joins the back of the queue: the old one leaves after the cancel latency.
            _byShadowId[order.ShadowId] = order;
            Exchange.Cancel(order.ShadowId, _clock + _settings.Latency.Cancel());
            order.Quantity = command.Quantity;
            Rest(order, command.Price, remaining);
        }

        return Reply(command, ReplyOutcome.Accepted, 0, "OK", order.ExchangeId);
    }

    private OrderReply Cancel(OrderCommand command)
    {
        if (!_byLink.TryGetValue(command.LinkId, out PaperOrder? order) || !order.IsOpen || order.Cancelling)
        {
            return Reply(command, ReplyOutcome.Rejected, 110001, "order not exists or too late to cancel", null);
        }

        CancelOrder(order);
        return Reply(command, ReplyOutcome.Accepted, 0, "OK", order.ExchangeId);
    }

    private OrderReply CancelAll(OrderCommand command)
    {
        foreach (PaperOrder order in _byLink.Values)
        {
            if (order.IsOpen && !order.Cancelling)
            {
                CancelOrder(order);
            }
        }

        return Reply(command, ReplyOutcome.Accepted, 0, "OK", null);
    }

    private void CancelOrder(PaperOrder order)
    {
        order.Cancelling = true;
        if (!Exchange.Cancel(order.ShadowId, _clock + _settings.Latency.Cancel()))
        {
            order.Status = VenueOrderStatus.Cancelled;
        }
    }

    private void Rest(PaperOrder order, decimal price, decimal remaining)
    {
        VenueInstrument instrument = _instrument!;
        order.ShadowId = ++_nextShadowId;
        order.Price = price;
        _byShadowId[order.ShadowId] = order;
        Exchange.Submit(order.ShadowId, order.Side, (long)(price / instrument.TickSize), (double)price, (long)(remaining / instrument.LotSize), _clock + _settings.Latency.OrderEntry());
    }

    /// <summary>A market order (the flatten): takes the best price on the other side at once, as a taker.</summary>
    private void Take(PaperOrder order, bool reduceOnly)
    {
        VenueInstrument instrument = _instrument!;
        decimal quantity = reduceOnly ? Math.Min(order.Quantity, Math.Abs(_book.Position)) : order.Quantity;
        var best = Exchange.Book.Best(order.Side.Opposite());
        if (quantity <= 0 || best.IsEmpty)
        {
            order.Status = VenueOrderStatus.Cancelled;
            return;
        }

        decimal price = best.Price * instrument.TickSize;
        Execute(order, price, quantity, isMaker: false, _clock);
        order.Status = order.Executed >= order.Quantity ? VenueOrderStatus.Filled : VenueOrderStatus.Cancelled;
    }

    /// <summary>Turns the shadow exchange's changes into the updates a venue would push.</summary>
    private void Report(List<PrivateUpdate> updates)
    {
        long now = Now();
        foreach (ShadowEvent change in _changes)
        {
            if (!_byShadowId.TryGetValue(change.OrderId, out PaperOrder? order))
            {
                continue;
            }

            bool current = order.ShadowId == change.OrderId;
            switch (change.Kind)
            {
                case ShadowEventKind.Accepted:
                    if (!current)
                    {
                        continue;
                    }

                    order.Status = order.Executed > 0 ? VenueOrderStatus.PartiallyFilled : VenueOrderStatus.New;
                    break;
                case ShadowEventKind.Rejected:
                    if (!current)
                    {
                        continue;
                    }

                    order.Status = order.Executed > 0 ? VenueOrderStatus.Cancelled : VenueOrderStatus.Rejected;
                    order.Reason = "EC_PostOnlyWillTakeLiquidity";
                    break;
                case ShadowEventKind.Filled:
                    VenueExecution execution = Execute(order, change.PriceTicks * _instrument!.TickSize, change.Lots * _instrument.LotSize, isMaker: true, change.ExchangeTime);
                    updates.Add(execution with { ReceivedAt = now });
                    if (!current)
                    {
                        continue;
                    }

                    order.Status = change.RemainingLots == 0 ? VenueOrderStatus.Filled : VenueOrderStatus.PartiallyFilled;
                    break;
                case ShadowEventKind.Cancelled:
                    if (!current)
                    {
                        continue;
                    }

                    order.Status = VenueOrderStatus.Cancelled;
                    break;
            }

            updates.Add(order.Update(change.ExchangeTime) with { ReceivedAt = now });
        }
    }

    private VenueExecution Execute(PaperOrder order, decimal price, decimal quantity, bool isMaker, long time)
    {
        decimal fee = price * quantity * (isMaker ? _settings.MakerFeeRate : _settings.TakerFeeRate);
        var execution = new VenueExecution(ExecutionPrefix + (++_nextExecution).ToString(CultureInfo.InvariantCulture), order.Link, order.ExchangeId, order.Side, price, quantity, fee, isMaker, time);
        order.Executed += quantity;
        _executions.Add(execution);
        _book.Apply(execution.ExecutionId, execution.Side, execution.Price, execution.Quantity, execution.Fee, time);
        return execution;
    }

    private OrderReply Reply(OrderCommand command, ReplyOutcome outcome, int code, string message, string? exchangeId) =>
        new(command, outcome, code, message, exchangeId, _clock, Now());

    /// <summary>One paper order: its link id, price and size, what executed, and the shadow order that carries it now.</summary>
    private sealed class PaperOrder(string link, string exchangeId, Side side, decimal price, decimal quantity)
    {
        public string Link { get; } = link;

        public string ExchangeId { get; } = exchangeId;

        public Side Side { get; } = side;

        public decimal Price { get; set; } = price;

        public decimal Quantity { get; set; } = quantity;

        public decimal Executed { get; set; }

        public long ShadowId { get; set; }

        public bool Cancelling { get; set; }

        public string Reason { get; set; } = "";

        public VenueOrderStatus Status { get; set; } = VenueOrderStatus.New;

        public bool IsOpen => Status is VenueOrderStatus.New or VenueOrderStatus.PartiallyFilled;

        public VenueOrderUpdate Update(long time) => new(Link, ExchangeId, Side, Status, Price, Quantity, Executed, time, Reason);
    }
}
