using System.Globalization;
using System.Threading.Channels;
using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Signals.Calibration;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;
using MarketMaking.Trading.Accounting;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Monitoring;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Session;

/// <summary>
/// A live (or paper) trading session: the venue's market data, private updates, replies and timer
/// ticks all arrive in one inbox (a channel) and are handled one at a time, so the session's state
/// has a single owner. Decisions run the backtests' <see cref="DecisionPath"/> (strategy → order
/// manager → risk gate) on the same market view, through an <see cref="OrderRouter"/> to the
/// venue. Around it: reconciliation at start and after every reconnect, runtime risk (stale data,
/// private stream loss, clock drift, kill switch), and a journal of everything.
/// </summary>
public sealed class TradingSession
{
    private const int PositionMismatchesBeforeKill = 3;

    /// <summary>One differing reconciliation is often an execution still on its way; two in a row read the run's whole history before the third kills.</summary>
    private const int WideReadAfterMismatches = 2;
    private const long PublishEvery = 95_000_000; // ns: a snapshot every second tick of the 50 ms timer (timer jitter allowed for), ten a second

    private readonly IVenue _venue;
    private readonly SessionSettings _settings;
    private readonly Func<Instrument, CalibrationResult?, IQuotingStrategy> _strategyFactory;
    private readonly TimeProvider _time;
    // Synchronous continuations: the session handles a message on the thread that read it off the
    // socket (no hop to the thread pool on the tick-to-order path); it is still one reader at a time.
    private readonly Channel<SessionInput> _inbox = Channel.CreateUnbounded<SessionInput>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly OrderTracker _tracker = new();
    private readonly Dictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly List<PrivateUpdate> _observed = [];

    // Completed by the first stop or kill: the start's slow steps (connect, clock check) give way to it at once.
    private readonly TaskCompletionSource _stopAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly VenueOutage _outage;
    private TradingJournal _journal = null!;
    private ExecutionBook _book = null!;
    private LinkIds _links = null!;
    private LostOrders _lost = null!;
    private Dictionary<string, long> _adopted = null!;
    private VenueInstrument _instrument = null!;
    private LiveMarket _market = null!;
    private DecisionPath _path = null!;
    private OrderRouter _router = null!;
    private Phase _phase = Phase.Starting;
    private bool _privateUp;
    private bool _awaitingReconcile = true;
    private bool _stale;
    private bool _positionOpened;
    private bool _fillSinceDecision;
    private bool _snapshotInFlight;
    private bool _snapshotWanted;
    private bool _clockInFlight;
    private bool _flattenSent;
    private bool _paused;
    private long _decisions;
    private long _lastPublish;
    private double _spreadCaptured;
    private int _positionMismatches;
    private long _startedAt;
    /// <summary>Where a query for the run's whole execution history starts: its first window, or a second before its earliest execution when that is older (the venue's clock runs behind ours: a paper venue on a recorded market).</summary>
    private long _runWindow;
    private long _lastBookAt;
    private long _nextPoll;
    private long _nextClock;
    private long _stopAt = long.MaxValue;
    private long _stoppingSince;
    private double _nextDecision = double.NegativeInfinity;
    private double _lastDecisionMid = double.NaN;
    private bool _adoptionUnpriced;
    private string? _killReason;
    private string? _stopReason;
    private string? _stoppedBeforeTrading;
    private Exception? _failure;
    private LiveCalibration? _calibration;

    public TradingSession(IVenue venue, SessionSettings settings, Func<Instrument, IQuotingStrategy> strategyFactory, TimeProvider? time = null)
        : this(venue, settings, (instrument, _) => strategyFactory(instrument), time)
    {
        ArgumentNullException.ThrowIfNull(strategyFactory);
    }

    /// <param name="venue">Where the session trades.</param>
    /// <param name="settings">The session's settings.</param>
    /// <param name="strategyFactory">
    /// Builds the strategy for the venue's instrument: with no calibration (σ, A, κ as given) at the
    /// start, and again with the live calibration when <see cref="SessionSettings.CalibrationWindow"/> is set.
    /// </param>
    /// <param name="time">The clock (tests shift it).</param>
    public TradingSession(IVenue venue, SessionSettings settings, Func<Instrument, CalibrationResult?, IQuotingStrategy> strategyFactory, TimeProvider? time = null)
    {
        _venue = venue ?? throw new ArgumentNullException(nameof(venue));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        _strategyFactory = strategyFactory ?? throw new ArgumentNullException(nameof(strategyFactory));
        _time = time ?? TimeProvider.System;
        _outage = new VenueOutage(venue.Name);
    }

    private enum Phase
    {
        Starting,
        Running,
        Stopping,
    }

    /// <summary>Called once the startup reconciliation is done and the session quotes (tests and the CLI wait for it).</summary>
    public Action? Started { get; set; }

    /// <summary>Called on the session's thread with the kind of every fault it notices (stale-data, stream-down, kill…).</summary>
    public Action<string>? FaultSeen { get; set; }

    /// <summary>
    /// Called on the session's thread with each line about the venue's reachability, also journaled and
    /// shown on the monitor: lost, still unreachable (every <see cref="VenueOutage.ReportEvery"/>), back.
    /// </summary>
    public Action<string>? Reachability { get; set; }

    /// <summary>The read-only window on the session: immutable snapshots published at most every 100 ms, and tick-to-order samples.</summary>
    public SessionMonitor Monitor { get; } = new();

    /// <summary>Stops quoting (every order cancelled) until <see cref="Resume"/>; the session keeps watching the market and its orders.</summary>
    public void Pause() => _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Pause, null, 0));

    /// <summary>Quotes again after <see cref="Pause"/>.</summary>
    public void Resume() => _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Pause, null, 1));

    /// <summary>
    /// Asks the session to stop as on SIGTERM: cancel everything, wait for the confirmations, write the
    /// final state. Before the start's reconciliation is done (connecting, reconciling) it stops at once.
    /// </summary>
    public void RequestStop()
    {
        _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Stop));
        _stopAsked.TrySetResult();
    }

    /// <summary>Trips the kill switch from outside (an operator, a test): cancel everything, stop quoting, end the session.</summary>
    public void Kill(string reason)
    {
        _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Stop, reason));
        _stopAsked.TrySetResult();
    }

    /// <summary>
    /// Runs the session until its duration ends, <paramref name="stop"/> is signalled, the kill
    /// switch trips or a failure stops it; every order is cancelled and confirmed before it returns.
    /// A stop before the start's reconciliation is done ends it at once, nothing traded
    /// (<see cref="SessionResult.StoppedBeforeTrading"/>). Throws <see cref="TradingException"/> when
    /// it cannot start safely (a position that differs from the journal, a clock out of the receive
    /// window: the journal records the run as failed at start) or when the venue fails for good.
    /// </summary>
    public async Task<SessionResult> RunAsync(CancellationToken stop = default)
    {
        using IDisposable? awake = _settings.KeepCoreAwake ? IdleSpinner.Acquire() : null;
        _startedAt = Now();
        using var life = new CancellationTokenSource();
        _journal = TradingJournal.Open(_settings.JournalPath, _startedAt, _venue.Name, _settings.Symbol, _settings.StrategyName, _venue.Identity);
        using CancellationTokenRegistration onStop = stop.Register(RequestStop);
        var pumps = new List<Task>();
        try
        {
            try
            {
                await StartAsync(life.Token).ConfigureAwait(false);
                pumps.Add(PumpAsync(_venue.PrivateUpdatesAsync(life.Token), SessionInputKind.Private));
                pumps.Add(PumpAsync(_venue.MarketDataAsync(life.Token), SessionInputKind.Market));
                pumps.Add(PumpTimerAsync(life.Token));
                await LoopAsync(life.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_phase == Phase.Starting && _stopAsked.Task.IsCompleted)
            {
                StopBeforeTrading("connecting", KillAsked(), Now());
            }
            catch (Exception e) when (_phase == Phase.Starting)
            {
                await FailedAtStartAsync(e).ConfigureAwait(false);
                throw;
            }

            if (_stoppedBeforeTrading is not null)
            {
                return await EndBeforeTradingAsync().ConfigureAwait(false);
            }

            SessionResult result = await FinishAsync(life.Token).ConfigureAwait(false);
            Publish(Now(), "ended");
            return result;
        }
        finally
        {
            await life.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _journal.DisposeAsync().ConfigureAwait(false);
        }
    }

    private long Now() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    private async Task StartAsync(CancellationToken token)
    {
        JournalState state = _journal.State;
        _book = state.Book;
        _runWindow = ExecutionWindow();
        _venue.ResumeFrom(state); // a paper venue starts from the journal, before the reconciliation compares them

        // Orders an earlier run left open (a crash): unknown until the start's reconciliation.
        foreach (JournalOrder open in state.OpenOrders)
        {
            TrackedOrder restored = _tracker.Restore(open.LinkId, open.ExchangeOrderId, open.Side, open.Price, open.Quantity, open.ReduceOnly, OrderStates.Parse(open.State), open.Executed, _startedAt);
            _journal.Order(restored);
        }

        _links = new LinkIds(state.LinkPrefix ?? LinkIds.NewPrefix((ulong)_startedAt ^ ((ulong)Environment.ProcessId << 40) ^ ((ulong)(_settings.Portfolio?.Instrument ?? 0) << 56)), state.LinkReserved, state.LinkReserved);
        _lost = new LostOrders(_links, state.LastLinkCounter, state.LinkReserved, state.LastWrittenAt);
        _adopted = new Dictionary<string, long>(state.AdoptedOrders, StringComparer.Ordinal);
        _journal.Event("start", _startedAt, 0, null, $"run {_journal.Run} on {_venue.Name}, {_settings.Symbol}, {_settings.StrategyName}; journal holds {_book.Count} executions, position {_book.Position}");
        Task<VenueInstrument> connecting = _venue.ConnectAsync(_settings.Symbol, token);
        await UnlessStoppedAsync(connecting).ConfigureAwait(false);
        _instrument = await connecting.ConfigureAwait(false);
        await UnlessStoppedAsync(CheckClockAsync(token)).ConfigureAwait(false);

        IQuotingStrategy strategy = _strategyFactory(_instrument.Instrument, null);
        if (_settings.CalibrationWindow > TimeSpan.Zero)
        {
            strategy = _calibration = new LiveCalibration(strategy, _settings.CalibrationWindow);
        }

        MarketFeatures? features = strategy is IReadsMarketFeatures { FeatureSettings: { } featureSettings } ? new MarketFeatures(featureSettings) : null;
        _market = new LiveMarket(_instrument.Instrument, _settings.VolatilityWindow, features);
        RunSettings run = _settings.RunFor?.Invoke(_instrument.Instrument) ?? _settings.Run;

        // Time at the limit counts the binding limit, as a backtest's does: --max-position's, or the
        // strategy's own if smaller (the path takes the smaller); journaled, so the journal's report counts it too.
        _path = new DecisionPath(_instrument.Instrument, strategy, run with { RecordSeries = true, Metrics = run.Metrics with { InventoryLimit = Math.Min(run.Metrics.InventoryLimit, run.Risk.MaxPosition) } });
        if (Math.Abs(_path.Metrics.InventoryLimit) < 1e28)
        {
            // Finite, and within what a decimal holds.
            _journal.InventoryLimit((decimal)_path.Metrics.InventoryLimit);
        }

        _path.Gate.Portfolio = _settings.Portfolio;
        _router = new OrderRouter(_venue, _instrument, _tracker, _links, _journal, new RateLimiter(_settings.RateLimits), Now, _settings.StaleRequestAfter, OnReply, LaterReply)
        {
            Dropped = id => _path.Orders.Forget(id),
            Cancellation = token,
        };
        _nextClock = _startedAt + (_settings.ClockCheckInterval.Ticks * 100);
        Monitor.Start(new SessionInfo
        {
            Venue = _venue.Name,
            Symbol = _settings.Symbol,
            Strategy = _settings.StrategyName,
            JournalPath = _settings.JournalPath,
            Limits = _path.Gate.Limits,
            RateLimits = _settings.RateLimits.ToDictionary(l => EndpointName(l.Key), l => l.Value, StringComparer.Ordinal),
            StaleAfterSeconds = _settings.StaleAfter.TotalSeconds,
        });
        if (_settings.Duration is { } duration)
        {
            _stopAt = _startedAt + (duration.Ticks * 100);
        }
    }

    /// <summary>
    /// Waits for a step of the start that can take long (the connect, the clock check against a venue
    /// that does not answer) unless a stop comes first: then the start is given up at once
    /// (<see cref="OperationCanceledException"/>), and the step, on the session's token, is cancelled as the session ends.
    /// </summary>
    private async Task UnlessStoppedAsync(Task step)
    {
        if (await Task.WhenAny(step, _stopAsked.Task).ConfigureAwait(false) != step)
        {
            // Its failure once cancelled is nobody's concern: observed here so it is not reported as unobserved.
            _ = step.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw new OperationCanceledException("stopped while connecting");
        }

        await step.ConfigureAwait(false);
    }

    private async Task CheckClockAsync(CancellationToken token)
    {
        long before = Now();
        long server = await _venue.ServerTimeAsync(token).ConfigureAwait(false);
        long drift = server - ((before + Now()) / 2);
        if (Math.Abs(drift) > _settings.MaxClockDrift.Ticks * 100)
        {
            throw new TradingException(DriftText(drift) + ": fix the machine's clock (NTP) before trading");
        }
    }

    private string DriftText(long drift) =>
        string.Create(CultureInfo.InvariantCulture, $"our clock is {drift / -1e6:+0;-0} ms off {_venue.Name}'s, beyond the receive window of {_settings.MaxClockDrift.TotalMilliseconds:0} ms");

    private async Task LoopAsync(CancellationToken token)
    {
        ChannelReader<SessionInput> inbox = _inbox.Reader;

        // Waited on with the (cancellable) token on purpose: only such a wait honours the channel's
        // synchronous continuations, so the writer runs the session inline. The channel's reusable
        // waiter, taken when the token cannot be cancelled, always continues on the thread pool: a
        // hop that put 4-6 µs on the median tick-to-order.
        while (await inbox.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (inbox.TryRead(out SessionInput input))
            {
                Handle(input, token);
                if ((_phase == Phase.Stopping && IsDone()) || _stoppedBeforeTrading is not null)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Local receive time of the market message being handled (0 while handling anything else): the start of tick-to-order.</summary>
    internal long HandlingMessageReceivedAt { get; private set; }

    private void Handle(in SessionInput input, CancellationToken token)
    {
        long now = Now();
        HandlingMessageReceivedAt = input.Kind == SessionInputKind.Market ? ((BybitFeedMessage)input.Payload!).LocalTime : 0;
        switch (input.Kind)
        {
            case SessionInputKind.Market:
                OnMarket((BybitFeedMessage)input.Payload!, now);
                break;
            case SessionInputKind.Private:
                OnPrivate((PrivateUpdate)input.Payload!, now);
                break;
            case SessionInputKind.Reply:
                OnReply((OrderReply)input.Payload!);
                break;
            case SessionInputKind.Snapshot:
                OnSnapshot(input.Payload, input.Value, now);
                break;
            case SessionInputKind.Clock:
                OnClock(input.Payload as string, input.Value, input.Extra, now);
                break;
            case SessionInputKind.Tick:
                OnTick(now, token);
                break;
            case SessionInputKind.Stop when _phase == Phase.Starting:
                // Still reconciling: nothing of this run's rests on the venue, and the venue may not be answering.
                StopBeforeTrading("reconciling", input.Payload as string, now);
                break;
            case SessionInputKind.Stop:
                if (input.Payload is string reason)
                {
                    KillSwitch(reason, now);
                }
                else
                {
                    BeginStop("stop requested (signal)", now);
                }

                break;
            case SessionInputKind.Pause:
                OnPause(input.Value == 0, now);
                break;
            case SessionInputKind.Failure:
                _failure ??= (Exception)input.Payload!;
                Fault("failure", now, _failure.Message);
                BeginStop($"failure: {_failure.Message}", now);
                break;
        }

        _router.Flush();
    }

    private void OnMarket(BybitFeedMessage message, long now)
    {
        _observed.Clear();
        _venue.Observe(message, _observed);
        foreach (PrivateUpdate update in _observed)
        {
            OnUpdate(update, now);
        }

        switch (message.Kind)
        {
            case BybitFeedMessageKind.OrderBook:
                _market.Apply(message.Events, message.ExchangeTime);
                _lastBookAt = now;
                if (_outage.PublicDown)
                {
                    VenueReachability("venue-back", _outage.Restore(privateStream: false, now), now);
                }

                if (_stale && _market.IsSynced)
                {
                    _stale = false;
                    _journal.Event("fresh", now, message.ExchangeTime, null, "book updates again: quoting resumes");
                    Monitor.Event(now, "fresh", "book updates again: quoting resumes");
                }

                break;
            case BybitFeedMessageKind.Trades:
                _market.Apply(message.Events, message.ExchangeTime);
                break;
            case BybitFeedMessageKind.Gap:
                _market.MarkStale();
                Fault("market-gap", now, message.Detail);
                break;
            case BybitFeedMessageKind.Disconnected:
                _market.MarkStale();
                Fault("market-disconnect", now, message.Detail);
                VenueReachability("venue-lost", _outage.Lose(privateStream: false, message.Detail, now), now);
                break;
            case BybitFeedMessageKind.Malformed:
                Fault("market-malformed", now, message.Detail);
                break;
        }

        StageStamps.MarkBookApplied();
        if (_calibration is { IsCalibrating: true } calibration && message.Kind is BybitFeedMessageKind.OrderBook or BybitFeedMessageKind.Trades && calibration.Observe(message.Events))
        {
            Calibrate(calibration, now);
        }

        MaybeDecide(now);
    }

    private bool QuotingAllowed => _phase == Phase.Running && !_paused && !_path.Gate.IsKilled && _privateUp && !_awaitingReconcile && !_stale && _market.IsTradable && _calibration is not { IsCalibrating: true };

    /// <summary>The calibration window has passed: the strategy is built on what it held and quotes from now on; too little data stops the session.</summary>
    private void Calibrate(LiveCalibration calibration, long now)
    {
        try
        {
            CalibrationResult result = calibration.Calibrate(_instrument.Instrument.TickSize);
            calibration.Use(_strategyFactory(_instrument.Instrument, result));
            string text = string.Create(CultureInfo.InvariantCulture, $"first {calibration.Window.TotalSeconds:G} s: {result.Describe()}");
            _journal.Event("calibrated", now, _market.ExchangeTime, null, text);
            Monitor.Event(now, "calibrated", text);
        }
        catch (MarketMakingException e)
        {
            _failure ??= e;
            Fault("calibration-failed", now, e.Message);
            BeginStop($"failure: {e.Message}", now);
        }
    }

    private void MaybeDecide(long now)
    {
        if (!QuotingAllowed)
        {
            return;
        }

        double time = _market.Time;
        if (!_fillSinceDecision && time < _nextDecision)
        {
            return;
        }

        if (!_positionOpened)
        {
            // The strategy's ledger starts from the position the journal (and the venue) hold.
            _path.Ledger.OpenPosition((double)_book.Position, _market.Mid, time);
            _positionOpened = true;
            if (_adoptionUnpriced)
            {
                // The adopted position's cost is unknown: it is taken at the mid the ledger opened it at, so the report starts where the session did.
                decimal price = Mark(_market.Mid);
                _journal.AdoptionPrice(price);
                _book.PriceAdoption(price);
                _adoptionUnpriced = false;
            }
        }

        long sent = _router.SentTotal;
        MarkPortfolio();
        _router.BeginDecision();
        StageStamps.MarkDecisionStarted();
        _path.Decide(_market, _router);
        StageStamps.MarkDecisionMade();
        _router.Flush();
        if (_router.SentTotal != sent && HandlingMessageReceivedAt != 0)
        {
            // Tick-to-order: from the market message's arrival to its requests handed to the venue.
            Monitor.RecordLatency(Now() - HandlingMessageReceivedAt);
        }

        _decisions++;
        _nextDecision = time + _settings.RequoteInterval.TotalSeconds;
        _fillSinceDecision = false;
        _journal.Decision(now, _market.ExchangeTime, time, _market.Mid, _path.Ledger.Position, _path.Orders.BestBid, _path.Orders.BestAsk);
        _lastDecisionMid = _market.Mid;
        _path.Mark(time, _market.Mid);
        if (_path.CheckLoss(time, _market.Mid, _router))
        {
            KillSwitch(_path.Gate.KillReason!, now);
        }
    }

    /// <summary>Tells the portfolio (if any) the position and what the open orders, pending cancels included, may still add to it.</summary>
    private void MarkPortfolio()
    {
        if (_settings.Portfolio is not { } portfolio)
        {
            return;
        }

        decimal buys = 0, sells = 0;
        IReadOnlyList<TrackedOrder> open = _tracker.Open;
        for (int i = 0; i < open.Count; i++)
        {
            TrackedOrder order = open[i];
            decimal remaining = Math.Max(order.Remaining, order.PendingAmendQuantity - Math.Max(order.Executed, order.VenueExecuted));
            if (order.Side == Side.Buy)
            {
                buys += remaining;
            }
            else
            {
                sells += remaining;
            }
        }

        portfolio.Mark(_path.Ledger.Position, _market.Mid, _market.Time, (double)buys, (double)sells);
    }

    private void OnPrivate(PrivateUpdate update, long now)
    {
        if (update is StreamStatus status)
        {
            OnStreamStatus(status, now);
            return;
        }

        OnUpdate(update, now);
        MaybeDecide(now);
    }

    private void OnStreamStatus(StreamStatus status, long now)
    {
        _journal.Event(status.IsUp ? "stream-up" : "stream-down", now, 0, null, status.Detail);
        Monitor.Event(now, status.IsUp ? "stream-up" : "stream-down", status.Detail);
        VenueReachability(status.IsUp ? "venue-back" : "venue-lost", status.IsUp ? _outage.Restore(privateStream: true, now) : _outage.Lose(privateStream: true, status.Detail, now), now);
        if (!status.IsUp)
        {
            if (_privateUp)
            {
                Fault("stream-down", now, status.Detail);
                // The client-side dead-man switch: blind to fills, we hold no orders.
                _router.CancelEverything("private stream down");
            }

            _privateUp = false;
            _awaitingReconcile = true;
            return;
        }

        _privateUp = true;
        _awaitingReconcile = true;
        RequestSnapshot(now);
    }

    private void OnUpdate(PrivateUpdate update, long now)
    {
        switch (update)
        {
            case VenueExecution execution:
                OnExecution(execution, now);
                break;
            case VenueOrderUpdate order:
                OnOrderUpdate(order, now);
                break;
        }
    }

    private void OnExecution(VenueExecution e, long now, bool pushed = true)
    {
        if (!IsOwn(e))
        {
            return; // another session's on the same account: the stream and the query by time carry every execution
        }

        if (!_book.Apply(e.ExecutionId, e.Side, e.Price, e.Quantity, e.Fee, e.ExecutionTime))
        {
            if (pushed)
            {
                Count("duplicate-execution"); // the stream sent it twice (reconciliation re-reads known ones by design)
            }

            return;
        }

        _journal.Fill(e, now);
        _runWindow = Math.Min(_runWindow, e.ExecutionTime - 1_000_000_000);
        double mid = _market.Mid;
        Monitor.Fill(e.ExecutionTime, e.Side, (double)e.Price, (double)e.Quantity, (double)e.Fee, e.IsMaker, mid);
        if (double.IsFinite(mid))
        {
            _spreadCaptured += e.Side.Sign() * (mid - (double)e.Price) * (double)e.Quantity;
        }

        TrackedOrder? order = e.LinkId.Length > 0 ? _tracker.Find(e.LinkId) : null;
        if (order is not null && _tracker.ApplyExecution(order, e.Quantity, now))
        {
            _journal.Order(order);
        }
        else if (order is null && _phase == Phase.Starting && _lost.Covers(e.LinkId))
        {
            _lost.Collect(e); // the start's reconciliation: an id an earlier run sent just before a crash, not in the journal
        }

        _journal.Event("fill", now, e.ExecutionTime, e.LinkId, string.Create(CultureInfo.InvariantCulture, $"{e.Side} {e.Quantity}@{e.Price} fee {e.Fee} {(e.IsMaker ? "maker" : "taker")} exec {e.ExecutionId}; position {_book.Position}"));
        if (_positionOpened)
        {
            var fill = new Fill(_market.Time, order?.LocalId ?? 0, e.Side, (double)e.Price, (double)e.Quantity, (double)e.Fee, e.IsMaker, _market.Mid);
            _path.OnFill(in fill, _path.Orders.QuotedSpread);
            MarkPortfolio();
            _fillSinceDecision = true;
        }
    }

    /// <summary>
    /// Whether an execution is this journal's: of an order with its link-id prefix, or of an order it
    /// adopted, after the adoption (before it, the execution belongs to whoever placed the order).
    /// </summary>
    private bool IsOwn(VenueExecution e) =>
        _links.CounterOf(e.LinkId) >= 0 || (_adopted.TryGetValue(e.LinkId, out long adoptedAt) && e.ExecutionTime > adoptedAt);

    private void OnOrderUpdate(VenueOrderUpdate update, long now)
    {
        TrackedOrder? order = _tracker.Find(update.LinkId);
        if (order is null)
        {
            if (update.Status is VenueOrderStatus.New or VenueOrderStatus.PartiallyFilled)
            {
                // An order we did not place, or have forgotten: reconciliation decides what to do with it.
                _snapshotWanted = true;
            }

            return;
        }

        OrderState before = order.State;
        if (!_tracker.ApplyUpdate(order, update.Status, update.Price, update.Quantity, update.CumulativeExecuted, update.ExchangeOrderId, update.UpdatedTime, now))
        {
            if (update.UpdatedTime < order.VenueUpdatedAt)
            {
                Count("late-update"); // delayed or reordered on the way
            }

            return;
        }

        _journal.Order(order);
        _journal.Transition(now, update.UpdatedTime, order.LinkId, before, order.State, update.Reason);
        CancelAgainIfRefused(order, before);
        if (order.State is OrderState.Cancelled or OrderState.Rejected && order.LocalId != 0)
        {
            // Cancelled or refused by the venue (post-only would cross, expired): the next decision quotes afresh.
            _path.Orders.Forget(order.LocalId);
            if (order.State == OrderState.Rejected)
            {
                Monitor.Reject("venue:" + (update.Reason.Length > 0 ? update.Reason : "rejected"));
            }

            if (before != OrderState.PendingCancel && !update.Reason.Contains("PostOnlyWillTakeLiquidity", StringComparison.Ordinal))
            {
                Fault(order.State == OrderState.Rejected ? "order-rejected" : "order-cancelled-by-venue", now, $"{order.LinkId}: {update.Reason}");
            }
        }
    }

    private void OnReply(OrderReply reply)
    {
        long now = reply.ReceivedAt;
        OrderCommand command = reply.Command;
        VenueEndpoint endpoint = command.Kind switch
        {
            OrderCommandKind.Create => VenueEndpoint.Create,
            OrderCommandKind.Amend => VenueEndpoint.Amend,
            OrderCommandKind.Cancel => VenueEndpoint.Cancel,
            _ => VenueEndpoint.CancelAll,
        };
        _router.Limiter.OnVenueStatus(endpoint, reply.LimitRemaining, reply.LimitResetAt, reply.Limit);

        TrackedOrder? order = command.LinkId.Length > 0 ? _tracker.Find(command.LinkId) : null;
        if (order is not null)
        {
            order.InFlight = Math.Max(order.InFlight - 1, 0);
        }

        _journal.Reply(reply);
        if (reply.Outcome == ReplyOutcome.RateLimited)
        {
            Fault("venue-rate-limited", now, reply.Message);
        }
        else if (reply.Outcome == ReplyOutcome.Unknown)
        {
            // Once per request and outage: its retries back off and are only counted.
            if (_router.Backoff.Unanswered($"{command.Kind} {command.LinkId}", now))
            {
                Fault("request-unknown", now, $"{command.Kind} {command.LinkId}: {reply.Message}");
            }
            else
            {
                Count("request-unknown");
            }
        }

        if (reply.Outcome != ReplyOutcome.Unknown)
        {
            VenueAnswers(now);
        }

        switch (command.Kind)
        {
            case OrderCommandKind.Create when order is not null:
                OnCreateReply(order, reply, now);
                break;
            case OrderCommandKind.Amend when order is not null:
                bool moved = command.Price != order.Price;
                if (OrderTracker.AmendAnswered(order, reply.Outcome == ReplyOutcome.Accepted, now))
                {
                    _journal.Order(order);
                }

                if (moved && reply.Outcome != ReplyOutcome.Accepted)
                {
                    // A price change refused (filled meanwhile, post-only would cross, a limit): the manager
                    // believes the order moved. It forgets it and the order goes, so the next decision quotes afresh.
                    if (order.LocalId != 0)
                    {
                        _path.Orders.Forget(order.LocalId);
                        _tracker.Unbind(order);
                    }

                    _router.CancelOrder(order);
                }
                else if (reply.Outcome == ReplyOutcome.Unknown || reply.Outcome == ReplyOutcome.Rejected)
                {
                    // The order may have filled or gone: ask the venue.
                    MarkUnknown(order, now);
                }

                break;
            case OrderCommandKind.Cancel when order is not null:
                if (reply.Outcome is ReplyOutcome.RateLimited or ReplyOutcome.Unknown && order.IsOpen)
                {
                    _router.Retry(command, order, unanswered: reply.Outcome == ReplyOutcome.Unknown); // a cancel must get through
                }
                else if (reply.Outcome == ReplyOutcome.Rejected && order.IsOpen)
                {
                    if (order.ExchangeOrderId is not null && !order.CancelResent)
                    {
                        // The venue had answered the create (or streamed the order): this cancel overtook it
                        // on the way. One sent now arrives after the create, and finds the order if it rests.
                        order.CancelResent = true;
                        _router.CancelOrder(order, resend: true);
                    }
                    else
                    {
                        // Too late to cancel (filled) or not there (never arrived): only the venue knows.
                        MarkUnknown(order, now);
                    }
                }

                break;
            case OrderCommandKind.CancelAll:
                if (reply.Outcome is ReplyOutcome.RateLimited or ReplyOutcome.Unknown)
                {
                    _router.Retry(command, null, unanswered: reply.Outcome == ReplyOutcome.Unknown);
                }

                _snapshotWanted |= !_privateUp;
                break;
        }
    }

    private void OnCreateReply(TrackedOrder order, OrderReply reply, long now)
    {
        OrderState before = order.State;
        bool changed = reply.Outcome switch
        {
            ReplyOutcome.Accepted => _tracker.Acknowledge(order, reply.ExchangeOrderId, now),
            ReplyOutcome.Rejected or ReplyOutcome.RateLimited => _tracker.Reject(order, $"{reply.Code} {reply.Message}", now),
            _ => _tracker.MarkUnknown(order, now),
        };
        if (!changed)
        {
            return;
        }

        _journal.Order(order);
        _journal.Transition(now, reply.ExchangeTime, order.LinkId, before, order.State);
        CancelAgainIfRefused(order, before);
        if (order.State == OrderState.Rejected)
        {
            Monitor.Reject(string.Create(CultureInfo.InvariantCulture, $"venue:{reply.Code}"));
            Fault("order-rejected", now, $"{order.LinkId}: {reply.Code} {reply.Message}");
            if (order.LocalId != 0)
            {
                _path.Orders.Forget(order.LocalId);
            }
        }
        else if (order.State == OrderState.Unknown)
        {
            _snapshotWanted = true;
        }
    }

    /// <summary>The venue answers (a reply, or its streams are back): unanswered requests go again at once; how many retries went unreported is said once.</summary>
    private void VenueAnswers(long now)
    {
        long unreported = _router.Backoff.Answered();
        if (unreported > 0)
        {
            _journal.Event("fault", now, 0, null, $"request-unknown: {unreported} more retries left unanswered while the venue was unreachable");
        }
    }

    private void MarkUnknown(TrackedOrder order, long now)
    {
        if (_tracker.MarkUnknown(order, now))
        {
            _journal.Order(order);
        }

        _snapshotWanted = true;
    }

    /// <summary>
    /// The venue shows open an order whose cancel it refused: the cancel overtook the create on the
    /// way ("order not exists"), and the order landed after it. It must not rest: cancel it again.
    /// </summary>
    private void CancelAgainIfRefused(TrackedOrder order, OrderState before)
    {
        if (before == OrderState.Unknown && order.State == OrderState.PendingCancel && order.InFlight == 0)
        {
            _router.CancelOrder(order, resend: true);
        }
    }

    private void LaterReply(Task<OrderReply> reply) =>
        _ = reply.ContinueWith(
            t => _inbox.Writer.TryWrite(t.IsCompletedSuccessfully
                ? new SessionInput(SessionInputKind.Reply, t.Result)
                : new SessionInput(SessionInputKind.Failure, t.Exception?.GetBaseException() ?? new TradingException("a request was cancelled"))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void RequestSnapshot(long now)
    {
        _snapshotWanted = true;
        if (_snapshotInFlight)
        {
            return;
        }

        _snapshotInFlight = true;
        _snapshotWanted = false;
        _nextPoll = now + (_settings.PollInterval.Ticks * 100);

        long since = ExecutionsSince();
        bool lookForLost = _phase == Phase.Starting && _lost.Possible;
        _ = Task.Run(async () =>
        {
            VenueSnapshot? snapshot = null;
            try
            {
                snapshot = await _venue.SnapshotAsync(since, _router.Cancellation).ConfigureAwait(false);
                if (lookForLost)
                {
                    // Asked after the open orders: an order that closes in between shows in one or the other.
                    try
                    {
                        snapshot = snapshot with { ClosedOrders = await _venue.ClosedOrdersAsync(_lost.Since, _router.Cancellation).ConfigureAwait(false) };
                    }
                    catch (BybitApiException e) when (!e.IsRateLimit && e.Code is not (>= 500 and < 600))
                    {
                        // A refusal, not a passing failure: start without it (a lost order that traded still gets its row from its executions).
                        snapshot = snapshot with { ClosedOrdersRefusal = e.Message };
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Snapshot, e.Message, now));
                return;
            }

            _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Snapshot, snapshot, now));
        });
    }

    /// <summary>
    /// Where a query for executions starts: a second before the last one known (the query is by time;
    /// duplicates are skipped by id). After the venue's position has disagreed with the executions
    /// twice in a row, a reconciliation reads the run's whole history instead (from <see cref="_runWindow"/>):
    /// an execution the stream lost can carry an earlier time than later ones that arrived, when the
    /// exchange's clock stepped back or a message was held up behind newer ones.
    /// </summary>
    private long ExecutionsSince() => _positionMismatches >= WideReadAfterMismatches ? _runWindow : ExecutionWindow();

    private long ExecutionWindow() => (_book.LastExecutionTime > 0 ? _book.LastExecutionTime : _startedAt) - 1_000_000_000;

    /// <summary>Books the executions a query read (those already counted are skipped by id).</summary>
    private void BookExecutions(VenueSnapshot snapshot, long now)
    {
        foreach (VenueExecution execution in snapshot.Executions)
        {
            OnExecution(execution, now, pushed: false);
        }
    }

    private void OnSnapshot(object? answer, long requestedAt, long now)
    {
        _snapshotInFlight = false;
        if (answer is not VenueSnapshot snapshot)
        {
            // The venue did not answer (a fault): ask again at the next poll.
            Fault("snapshot-failed", now, answer as string ?? "no answer");
            _snapshotWanted = true;
            return;
        }

        BookExecutions(snapshot, now);

        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (VenueOrderUpdate venueOrder in snapshot.OpenOrders)
        {
            open.Add(venueOrder.LinkId);
            ReconcileOpenOrder(venueOrder, now);
        }

        foreach (TrackedOrder order in _tracker.Open.ToArray())
        {
            // Leave alone what changed after the question was asked, or is still being asked about.
            if (!open.Contains(order.LinkId) && order.UpdatedAt < requestedAt && order.InFlight == 0 && !order.Queued && _tracker.Close(order, now))
            {
                _journal.Order(order);
                _journal.Event("order", now, 0, order.LinkId, $"reconciled: not open on the venue → {order.State.Name()}");
                if (order.LocalId != 0)
                {
                    _path.Orders.Forget(order.LocalId);
                }
            }
        }

        if (snapshot.ClosedOrdersRefusal is { } refusal)
        {
            Fault("order-history-refused", now, refusal);
        }

        _lost.Record(snapshot.ClosedOrders, _tracker, _journal, now);
        ReconcilePosition(snapshot.Position, now);
        if (_phase == Phase.Starting)
        {
            _phase = Phase.Running;
            _journal.Event("reconciled", now, 0, null, $"start: {snapshot.OpenOrders.Count} open orders, position {snapshot.Position}, {snapshot.Executions.Count} executions checked");
            Monitor.Event(now, "reconciled", $"start: {snapshot.OpenOrders.Count} open orders, position {snapshot.Position}");
            Started?.Invoke();
        }
        else if (_awaitingReconcile && _privateUp)
        {
            _journal.Event("reconciled", now, 0, null, $"after reconnect: {snapshot.OpenOrders.Count} open orders, position {snapshot.Position}");
            Monitor.Event(now, "reconciled", $"after reconnect: {snapshot.OpenOrders.Count} open orders, position {snapshot.Position}");
        }

        if (_privateUp)
        {
            _awaitingReconcile = false;
        }
    }

    private void ReconcileOpenOrder(VenueOrderUpdate venueOrder, long now)
    {
        TrackedOrder? order = venueOrder.LinkId.Length > 0 ? _tracker.Find(venueOrder.LinkId) : null;
        if (order is not null)
        {
            if (order.IsOpen)
            {
                OrderState before = order.State;
                if (_tracker.ConfirmOpen(order, venueOrder.CumulativeExecuted, venueOrder.ExchangeOrderId, now))
                {
                    _journal.Order(order);
                    CancelAgainIfRefused(order, before);
                }

                if (_phase == Phase.Starting && order.LocalId == 0)
                {
                    // An earlier run's order, still resting: taken over, or cancelled.
                    TakeOverOrCancel(order, venueOrder, now);
                }
                else if (_phase == Phase.Stopping || _path.Gate.IsKilled)
                {
                    _router.CancelOrder(order, resend: order.InFlight == 0);
                }
            }
            else
            {
                // We closed it, the venue still has it (a request that landed late): it must go.
                Fault("orphan-order", now, $"{order.LinkId} is final here but open on the venue");
                _router.Retry(new OrderCommand(OrderCommandKind.Cancel, order.LinkId, order.Side, 0, 0, false, false, false, now), null);
            }

            return;
        }

        // Not ours (or ours, but forgotten).
        string link = venueOrder.LinkId.Length > 0 ? venueOrder.LinkId : "order-" + venueOrder.ExchangeOrderId;
        TrackedOrder found = _tracker.Adopt(link, venueOrder.ExchangeOrderId, venueOrder.Side, venueOrder.Price, venueOrder.Quantity, venueOrder.CumulativeExecuted, now);
        _journal.Order(found);
        TakeOverOrCancel(found, venueOrder, now);
    }

    /// <summary>With --adopt-orders the order manager keeps, reduces or cancels the order at the next decision like one of its own; otherwise it is cancelled.</summary>
    private void TakeOverOrCancel(TrackedOrder order, VenueOrderUpdate venueOrder, long now)
    {
        if (_settings.AdoptOrders && _phase != Phase.Stopping && venueOrder.LinkId.Length > 0 && !order.ReduceOnly)
        {
            long localId = _router.NewLocalId();
            _tracker.Bind(localId, order);
            _path.Orders.Adopt(localId, order.Side, (double)order.Price, (double)order.Remaining);
            _adopted.TryAdd(order.LinkId, venueOrder.UpdatedTime);
            _journal.Event("adopted", now, venueOrder.UpdatedTime, order.LinkId, $"{venueOrder.Side} {venueOrder.Quantity}@{venueOrder.Price}");
        }
        else
        {
            _journal.Event("unknown-order", now, venueOrder.UpdatedTime, order.LinkId, $"{venueOrder.Side} {venueOrder.Quantity}@{venueOrder.Price}: cancelled");
            _router.CancelOrder(order);
        }
    }

    private void ReconcilePosition(decimal venuePosition, long now)
    {
        if (venuePosition == _book.Position)
        {
            _positionMismatches = 0;
            return;
        }

        string text = $"position on {_venue.Name} is {venuePosition} but the journal's executions give {_book.Position}";
        if (_phase == Phase.Starting)
        {
            if (!_settings.AdoptPosition)
            {
                throw new TradingException($"{text}: check the account, or start with --adopt-position to take the venue's");
            }

            _book.Adopt(venuePosition);
            _journal.Adoption(now, venuePosition); // so a restart, and mm journal, start from it
            _adoptionUnpriced = true;
            _journal.Event("adopted-position", now, 0, null, text);
            return;
        }

        Fault("position-mismatch", now, text);
        if (++_positionMismatches >= PositionMismatchesBeforeKill)
        {
            KillSwitch($"{text} after {PositionMismatchesBeforeKill} reconciliations", now);
        }
        else
        {
            _snapshotWanted = true;
        }
    }

    private void OnClock(string? failure, long server, long local, long now)
    {
        _clockInFlight = false;
        if (failure is not null)
        {
            Fault("clock-check-failed", now, failure);
            return;
        }

        long drift = server - local;
        _journal.Event("clock", now, server, null, string.Create(CultureInfo.InvariantCulture, $"drift {drift / 1e6:F1} ms"));
        if (Math.Abs(drift) > _settings.MaxClockDrift.Ticks * 100)
        {
            KillSwitch(DriftText(drift), now);
        }
    }

    private void OnTick(long now, CancellationToken token)
    {
        _observed.Clear();
        _venue.Tick(now, _observed);
        foreach (PrivateUpdate update in _observed)
        {
            OnUpdate(update, now);
        }

        if (_journal.Failure is { } journalFailure && _failure is null)
        {
            _failure = new TradingException($"the journal {_settings.JournalPath} stopped: {journalFailure.Message}", journalFailure);
            BeginStop(_failure.Message, now);
        }

        if (_outage.IsLost)
        {
            VenueReachability("venue-unreachable", _outage.Report(now), now);
        }

        if (_phase == Phase.Running && _lastBookAt != 0 && !_stale && now - _lastBookAt > _settings.StaleAfter.Ticks * 100)
        {
            _stale = true;
            Fault("stale-data", now, $"no book update for {_settings.StaleAfter.TotalSeconds:G} s: every order cancelled until fresh data");
            _router.CancelEverything("stale market data");
        }

        if ((_snapshotWanted || !_privateUp || _awaitingReconcile || HasUnknownOrders()) && now >= _nextPoll)
        {
            RequestSnapshot(now);
        }

        if (!_clockInFlight && now >= _nextClock && _phase == Phase.Running)
        {
            _clockInFlight = true;
            _nextClock = now + (_settings.ClockCheckInterval.Ticks * 100);
            _ = Task.Run(async () =>
            {
                try
                {
                    long before = Now();
                    long server = await _venue.ServerTimeAsync(token).ConfigureAwait(false);
                    _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Clock, null, server, (before + Now()) / 2));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Clock, e.Message));
                }
            }, token);
        }

        if (now >= _stopAt)
        {
            BeginStop("duration reached", now);
        }

        if (_phase == Phase.Stopping)
        {
            if (_path.Gate.IsKilled && _settings.FlattenOnKill && !_flattenSent && _tracker.Open.Count == 0 && _book.Position != 0)
            {
                _flattenSent = true;
                TrackedOrder flatten = _router.Flatten(_book.Position > 0 ? Side.Sell : Side.Buy, Math.Abs(_book.Position));
                _journal.Event("flatten", now, 0, flatten.LinkId, $"reduce-only market order for {Math.Abs(_book.Position)}");
            }
        }

        _tracker.Prune(now - (600L * 1_000_000_000));
        if (now - _lastPublish >= PublishEvery)
        {
            Publish(now);
        }
    }

    private void OnPause(bool pause, long now)
    {
        if (pause == _paused || _phase == Phase.Stopping)
        {
            return;
        }

        _paused = pause;
        string detail = pause ? "quoting paused by the operator: every order cancelled" : "quoting resumed by the operator";
        _journal.Event(pause ? "pause" : "resume", now, 0, null, detail);
        Monitor.Event(now, pause ? "pause" : "resume", detail);
        if (pause)
        {
            _router.CancelEverything("paused");
        }
    }

    /// <summary>Hands the monitor an immutable picture of the session (on the timer, never per market event).</summary>
    private void Publish(long now, string? phase = null)
    {
        _lastPublish = now;
        if (_path is null)
        {
            return;
        }

        Core.Accounting.Ledger ledger = _path.Ledger;
        double mid = _market.Mid;
        double unrealized = double.IsFinite(mid) ? ledger.UnrealizedPnl(mid) : 0;
        Monitor.Publish(
            new SessionSnapshot
            {
                Time = now,
                Phase = phase ?? _phase switch { Phase.Starting => "starting", Phase.Running => "running", _ => "stopping" },
                Quoting = QuotingAllowed,
                Paused = _paused,
                Stale = _stale || !_market.IsSynced,
                PrivateStreamUp = _privateUp,
                Killed = _path.Gate.IsKilled || _killReason is not null,
                KillReason = _killReason,
                LastBookUpdate = _lastBookAt,
                Mid = mid,
                MarketBid = _market.BestBid,
                MarketAsk = _market.BestAsk,
                OurBid = _path.Orders.BestBid,
                OurAsk = _path.Orders.BestAsk,
                Position = _book.Position,
                Cash = _book.Cash,
                Fees = _book.Fees,
                Executions = _book.Count,
                RealizedPnl = ledger.RealizedPnl,
                UnrealizedPnl = unrealized,
                FeesPaid = ledger.FeesPaid,
                Rebates = ledger.RebatesReceived,
                NetPnl = ledger.RealizedPnl + unrealized - ledger.FeesPaid + ledger.RebatesReceived,
                SpreadCaptured = _spreadCaptured,
                Decisions = _decisions,
                OpenOrders = _tracker.Open.Count,
                Requests = new Dictionary<string, long>(StringComparer.Ordinal)
                {
                    ["create"] = _router.Sent(OrderCommandKind.Create),
                    ["amend"] = _router.Sent(OrderCommandKind.Amend),
                    ["cancel"] = _router.Sent(OrderCommandKind.Cancel),
                    ["cancel_all"] = _router.Sent(OrderCommandKind.CancelAll),
                },
                Faults = new Dictionary<string, int>(_faults, StringComparer.Ordinal),
            },
            RiskRejects());
    }

    private IEnumerable<KeyValuePair<string, long>> RiskRejects()
    {
        foreach (Core.Risk.RejectReason reason in Enum.GetValues<Core.Risk.RejectReason>())
        {
            if (reason != Core.Risk.RejectReason.None && _path.Gate.Rejections(reason) is > 0 and long count)
            {
                yield return new("risk:" + reason, count);
            }
        }

        if (_router.DroppedStale > 0)
        {
            yield return new("client:rate-limit-stale", _router.DroppedStale);
        }
    }

    private static string EndpointName(VenueEndpoint endpoint) => endpoint switch
    {
        VenueEndpoint.Create => "create",
        VenueEndpoint.Amend => "amend",
        VenueEndpoint.Cancel => "cancel",
        VenueEndpoint.CancelAll => "cancel_all",
        _ => "query",
    };

    private bool HasUnknownOrders()
    {
        foreach (TrackedOrder order in _tracker.Open)
        {
            if (order.State == OrderState.Unknown)
            {
                return true;
            }
        }

        return false;
    }

    private void KillSwitch(string reason, long now)
    {
        if (_killReason is null)
        {
            _path.Gate.Kill(_market.Time, reason);
            _killReason = _path.Gate.KillReason ?? reason;
            Fault("kill", now, _killReason);
            _journal.Event("kill", now, 0, null, _killReason);
        }

        BeginStop($"kill switch: {_killReason}", now);
    }

    private void BeginStop(string why, long now)
    {
        if (_phase == Phase.Stopping)
        {
            return;
        }

        // Stopped before its first decision (the book not tradable yet), the run never traded: its end says so.
        _stopReason = _decisions == 0 ? $"stopped before trading began ({(_phase == Phase.Starting ? "reconciling" : "waiting for the book")}): {why}" : why;
        _phase = Phase.Stopping;
        _stoppingSince = now;
        _journal.Event("stop", now, 0, null, why);
        Monitor.Event(now, "stop", why);
        _router.CancelEverything(why);
    }

    private bool IsDone()
    {
        long now = Now();
        bool flattening = _path.Gate.IsKilled && _settings.FlattenOnKill && _book.Position != 0;
        bool settled = _tracker.Open.Count == 0 && _router.Queued == 0 && (!flattening || (_flattenSent && _tracker.Open.Count == 0 && _book.Position == 0));
        return settled || now - _stoppingSince > _settings.ShutdownTimeout.Ticks * 100;
    }

    private async Task<SessionResult> FinishAsync(CancellationToken token)
    {
        long now = Now();
        long since = ExecutionsSince();

        // The venue gets --shutdown-timeout to answer the end's queries: past it the session writes
        // what it knows and fails, rather than retrying a silent venue for minutes.
        using var deadline = new CancellationTokenSource(_settings.ShutdownTimeout, _time);
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
        VenueSnapshot? final = null;
        VenueAccount? account = null;

        // The venue's orders, position and executions since `from`, the executions booked.
        async Task<VenueSnapshot> ReadBookedAsync(long from)
        {
            VenueSnapshot snapshot = await PatientlyAsync(() => _venue.SnapshotAsync(from, answer.Token), answer.Token).ConfigureAwait(false);
            BookExecutions(snapshot, now);
            return snapshot;
        }

        try
        {
            final = await ReadBookedAsync(since).ConfigureAwait(false);
            if (final.OpenOrders.Count > 0)
            {
                // Something of ours still rests (a cancel lost on the way): cancel-all, then look again.
                Fault("open-at-end", now, $"{final.OpenOrders.Count} orders still open after the cancels: cancel-all");
                await _venue.SendAsync(new OrderCommand(OrderCommandKind.CancelAll, "", Side.Buy, 0, 0, false, false, false, now), answer.Token).ConfigureAwait(false);
                final = await ReadBookedAsync(since).ConfigureAwait(false);
            }

            if (final.Position != _book.Position && since != _runWindow)
            {
                // An execution missing here may be older than the window asked for: read the run's whole history.
                final = await ReadBookedAsync(_runWindow).ConfigureAwait(false);
            }

            long firstRun = _journal.State.Runs.Count > 0 ? _journal.State.Runs[0].StartedAt : _startedAt;
            account = await PatientlyAsync(() => _venue.AccountAsync(firstRun, answer.Token), answer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !token.IsCancellationRequested)
        {
            Fault("venue-silent-at-end", Now(), string.Create(CultureInfo.InvariantCulture, $"no answer to the end's queries within {_settings.ShutdownTimeout.TotalSeconds:G} s"));
        }

        // One mark for the position everywhere (the table, the final state, mm journal … pnl): the last
        // mid the session saw, the book's now or, when it has lost a side, its last decision's.
        double mid = double.IsFinite(_market.Mid) ? _market.Mid : _lastDecisionMid;
        if (_positionOpened && double.IsFinite(_market.Mid))
        {
            MarkPortfolio(); // the portfolio's final state at the same mid
        }

        RunResult run = _path.Finish(mid);
        await _journal.FlushAsync().ConfigureAwait(false);
        int journalled = JournalReader.CountFills(_journal.Path);
        int open = final?.OpenOrders.Count ?? _tracker.Open.Count;
        var result = new SessionResult
        {
            OrdersOpenAtEnd = open,
            Position = _book.Position,
            VenuePosition = account?.Position,
            Cash = _book.Cash,
            AdoptionCost = _book.AdoptionCost,
            VenueCash = account?.Cash,
            Mark = double.IsFinite(mid) ? Mark(mid) : null,
            Executions = _book.Count,
            VenueExecutions = account?.ExecutionIds.Count,
            JournalExecutions = journalled,
            Faults = new Dictionary<string, int>(_faults),
            KillReason = _killReason,
            Run = run,
            JournalPath = _journal.Path,
            JournalRun = _journal.Run,
            EndReason = _stopReason ?? "ended",
        };
        _journal.EndRun(Now(), SessionJson.Final(result), result.EndReason);
        await _journal.FlushAsync().ConfigureAwait(false);
        if (account is null)
        {
            _failure ??= new TradingException(string.Create(CultureInfo.InvariantCulture, $"{_venue.Name} did not answer within the shutdown timeout ({_settings.ShutdownTimeout.TotalSeconds:G} s): {open} orders of ours may still rest there; the journal holds what the session knew"));
        }

        if (_failure is not null)
        {
            throw _failure as TradingException ?? new TradingException($"{_venue.Name}: {_failure.Message}", _failure);
        }

        return result;
    }

    /// <summary>The kill among the stops asked before the loop ran (they wait in the inbox), if any.</summary>
    private string? KillAsked()
    {
        string? kill = null;
        while (_inbox.Reader.TryRead(out SessionInput input))
        {
            if (input.Kind == SessionInputKind.Stop && input.Payload is string reason)
            {
                kill ??= reason;
            }
        }

        return kill;
    }

    /// <summary>A stop (or a kill) while connecting or reconciling: journaled, and the session ends without waiting on the venue.</summary>
    private void StopBeforeTrading(string stage, string? kill, long now)
    {
        if (_stoppedBeforeTrading is not null)
        {
            return;
        }

        if (kill is not null)
        {
            _killReason = kill;
            Fault("kill", now, kill);
            _journal.Event("kill", now, 0, null, kill);
        }

        _stoppedBeforeTrading = $"stopped before trading began ({stage}): {(kill is null ? "stop requested (signal)" : $"kill switch: {kill}")}";
        _journal.Event("stop", now, 0, null, _stoppedBeforeTrading);
        Monitor.Event(now, "stop", _stoppedBeforeTrading);
    }

    /// <summary>
    /// The end of a run stopped before trading: this run placed nothing, but orders an earlier run left
    /// open may rest on the venue, so when connected it sends one cancel-all, given a second at most
    /// (whatever it leaves, the next start reconciles). The venue's figures are unknown (null).
    /// </summary>
    private async Task<SessionResult> EndBeforeTradingAsync()
    {
        if (_router is not null && _tracker.Open.Count > 0)
        {
            var cancelAll = new OrderCommand(OrderCommandKind.CancelAll, "", Side.Buy, 0, 0, false, false, false, Now());
            _journal.Request(cancelAll);
            using var deadline = new CancellationTokenSource(TimeSpan.FromTicks(Math.Min(_settings.ShutdownTimeout.Ticks, TimeSpan.TicksPerSecond)), _time);
            try
            {
                OrderReply reply = await _venue.SendAsync(cancelAll, deadline.Token).ConfigureAwait(false);
                _journal.Reply(reply);
            }
            catch (OperationCanceledException)
            {
                Fault("venue-silent-at-end", Now(), $"no answer to the cancel-all of the {_tracker.Open.Count} orders the journal holds open");
            }
        }

        await _journal.FlushAsync().ConfigureAwait(false);
        var result = new SessionResult
        {
            OrdersOpenAtEnd = _tracker.Open.Count,
            Position = _book.Position,
            VenuePosition = null,
            Cash = _book.Cash,
            AdoptionCost = _book.AdoptionCost,
            VenueCash = null,
            Executions = _book.Count,
            VenueExecutions = null,
            JournalExecutions = JournalReader.CountFills(_journal.Path),
            Faults = new Dictionary<string, int>(_faults),
            KillReason = _killReason,
            Run = NothingTraded(),
            JournalPath = _journal.Path,
            EndReason = _stoppedBeforeTrading!,
            StoppedBeforeTrading = true,
        };
        _journal.EndRun(Now(), SessionJson.Final(result), result.EndReason);
        await _journal.FlushAsync().ConfigureAwait(false);
        return result;
    }

    /// <summary>The strategy's run of a session that never decided: no fill, no mark.</summary>
    private RunResult NothingTraded()
    {
        var ledger = new Core.Accounting.Ledger();
        return new RunResult(_settings.StrategyName, new Core.Metrics.MetricsCollector(_settings.Run.Metrics).Finish(ledger, double.NaN), ledger.RoundTrips, 0, 0, new Dictionary<Core.Risk.RejectReason, long>(), _killReason, null);
    }

    /// <summary>A start that failed (the venue unreachable, an unknown symbol, a position unlike the journal's…): the run's end says why.</summary>
    private async Task FailedAtStartAsync(Exception failure)
    {
        long now = Now();
        string reason = $"failed at start: {failure.Message}";
        _journal.Event("failed", now, 0, null, reason);
        Monitor.Event(now, "failed", reason);
        _journal.EndRun(now, null, reason);
        await _journal.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>A line about the venue's reachability (null: nothing new) to the journal, the monitor and <see cref="Reachability"/>.</summary>
    private void VenueReachability(string kind, string? line, long now)
    {
        if (line is null)
        {
            return;
        }

        _journal.Event(kind, now, 0, null, line);
        Monitor.Event(now, kind, line);
        Reachability?.Invoke(line);
        if (kind == "venue-back")
        {
            VenueAnswers(now);
        }
    }

    /// <summary>A query the end of the session cannot do without, tried again while the venue fails (a 5xx, a timeout), up to ten times.</summary>
    private async Task<T> PatientlyAsync<T>(Func<Task<T>> query, CancellationToken token)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await query().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 10)
            {
                Fault("final-query-failed", Now(), e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A mid as the journal keeps it: 15 significant digits, without the round-off of ticks × tick size.</summary>
    private static decimal Mark(double mid) => (decimal)mid;

    private void Fault(string kind, long now, string detail)
    {
        Count(kind);
        _journal.Event("fault", now, 0, null, $"{kind}: {detail}");
        Monitor.Event(now, kind, detail);
        FaultSeen?.Invoke(kind);
    }

    private void Count(string kind) => _faults[kind] = _faults.GetValueOrDefault(kind) + 1;

    /// <summary>Moves everything a background stream yields into the inbox; its failure goes there too.</summary>
    private async Task PumpAsync<T>(IAsyncEnumerable<T> source, SessionInputKind kind)
    {
        try
        {
            await foreach (T item in source.ConfigureAwait(false))
            {
                _inbox.Writer.TryWrite(new SessionInput(kind, item));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Failure, e));
        }
    }

    private async Task PumpTimerAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                _inbox.Writer.TryWrite(new SessionInput(SessionInputKind.Tick));
            }
        }
        catch (OperationCanceledException)
        {
            // The session is over.
        }
    }
}
