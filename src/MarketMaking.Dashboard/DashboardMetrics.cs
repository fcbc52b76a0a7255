using MarketMaking.Trading.Monitoring;
using Prometheus;

namespace MarketMaking.Dashboard;

/// <summary>
/// The session's figures in Prometheus' text format (prometheus-net, a registry of its own per
/// server): names with the <c>mm_</c> prefix and their unit, counters ending in <c>_total</c>. Set from
/// each snapshot by the server's poller; counters follow the session's own running counts. A
/// multi-instrument dashboard puts every instrument's figures in one registry, each labelled with its
/// <c>symbol</c> (one family per name, as the text format wants).
/// </summary>
public sealed class DashboardMetrics
{
    private readonly Gauge _position;
    private readonly Gauge _positionLimit;
    private readonly Gauge _cash;
    private readonly Gauge _pnl;
    private readonly Gauge _spreadCaptured;
    private readonly Gauge _openOrders;
    private readonly Gauge _openOrdersLimit;
    private readonly Gauge _lossLimit;
    private readonly Gauge _rateLimit;
    private readonly Counter _requests;
    private readonly Counter _rejects;
    private readonly Counter _fills;
    private readonly Counter _executions;
    private readonly Counter _decisions;
    private readonly Counter _gaps;
    private readonly Counter _reconnects;
    private readonly Counter _faults;
    private readonly Gauge _kill;
    private readonly Gauge _quoting;
    private readonly Gauge _paused;
    private readonly Gauge _stale;
    private readonly Gauge _privateUp;
    private readonly Gauge _bookAge;
    private readonly Gauge _snapshotAge;
    private readonly Histogram _latency;
    private readonly List<double> _samples = [];
    private long _fillsSeen;
    private long _latencyRead;

    public DashboardMetrics()
        : this(Metrics.NewCustomRegistry(), null)
    {
    }

    /// <summary>The figures in <paramref name="registry"/>, each labelled <c>symbol="…"</c> when <paramref name="symbol"/> is given.</summary>
    public DashboardMetrics(CollectorRegistry registry, string? symbol)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        IMetricFactory factory = symbol is null ? Metrics.WithCustomRegistry(Registry) : Metrics.WithCustomRegistry(Registry).WithLabels(new Dictionary<string, string> { ["symbol"] = symbol });
        _position = factory.CreateGauge("mm_position_base_currency", "Position in the contract's base currency (negative: short), from the venue's executions.");
        _positionLimit = factory.CreateGauge("mm_position_limit_base_currency", "Largest |position| the risk gate allows (absent: no limit).", Unset);
        _cash = factory.CreateGauge("mm_cash_quote_currency", "Cash from the executions: -sum(side*price*qty) - fees.");
        _pnl = factory.CreateGauge("mm_pnl_quote_currency", "PnL by part: realized, unrealized (at the mid), fees paid, rebates received, net.", new GaugeConfiguration { LabelNames = ["part"] });
        _spreadCaptured = factory.CreateGauge("mm_spread_captured_quote_currency", "Sum over fills of side*(mid - price)*qty at the fill.");
        _openOrders = factory.CreateGauge("mm_open_orders", "Orders of ours open (or on their way) on the venue.");
        _openOrdersLimit = factory.CreateGauge("mm_open_orders_limit", "Most open orders the risk gate allows (absent: no limit).", Unset);
        _lossLimit = factory.CreateGauge("mm_max_loss_quote_currency", "Net loss at which the kill switch trips (absent: no limit).", Unset);
        _rateLimit = factory.CreateGauge("mm_request_rate_limit_per_second", "Client-side request limit per rolling second, by endpoint.", new GaugeConfiguration { LabelNames = ["endpoint"] });
        _requests = factory.CreateCounter("mm_requests_total", "Order requests sent to the venue, by endpoint (create, amend, cancel, cancel_all).", new CounterConfiguration { LabelNames = ["endpoint"] });
        _rejects = factory.CreateCounter("mm_order_rejects_total", "Orders refused, by reason: venue:<code or reason>, risk:<limit>, client:rate-limit-stale.", new CounterConfiguration { LabelNames = ["reason"] });
        _fills = factory.CreateCounter("mm_fills_total", "Executions of our orders, by side and liquidity (maker, taker).", new CounterConfiguration { LabelNames = ["side", "liquidity"] });
        _executions = factory.CreateCounter("mm_journal_executions_total", "Executions in the session's journal (earlier runs of the same journal included).");
        _decisions = factory.CreateCounter("mm_decisions_total", "Quoting decisions taken.");
        _gaps = factory.CreateCounter("mm_market_data_gaps_total", "Order-book sequence gaps (each resubscribes and waits for a fresh snapshot).");
        _reconnects = factory.CreateCounter("mm_reconnects_total", "Stream connections lost, by stream (public, private).", new CounterConfiguration { LabelNames = ["stream"] });
        _faults = factory.CreateCounter("mm_faults_total", "Faults the session noticed and handled, by kind.", new CounterConfiguration { LabelNames = ["kind"] });
        _kill = factory.CreateGauge("mm_kill_switch_engaged", "1 once the kill switch has tripped.");
        _quoting = factory.CreateGauge("mm_quoting", "1 while the session quotes (running, fresh data, private stream up, not paused or killed).");
        _paused = factory.CreateGauge("mm_quoting_paused", "1 while an operator has paused quoting.");
        _stale = factory.CreateGauge("mm_market_data_stale", "1 while the book is stale or out of sync.");
        _privateUp = factory.CreateGauge("mm_private_stream_up", "1 while the private stream is connected.");
        _bookAge = factory.CreateGauge("mm_book_update_age_seconds", "Seconds since the last order-book update.");
        _snapshotAge = factory.CreateGauge("mm_snapshot_age_seconds", "Seconds since the session last published its state (a stuck session grows this).");
        _latency = factory.CreateHistogram("mm_tick_to_order_latency_seconds", "From a market message's arrival to the requests its decision sent.", new HistogramConfiguration { Buckets = [.. SessionMonitor.LatencyBounds] });
    }

    public CollectorRegistry Registry { get; }

    // A limit that is not set is not exported: prometheus-net would write +Inf as "Infinity", which the text format does not allow.
    private static GaugeConfiguration Unset => new() { SuppressInitialValue = true };

    /// <summary>Sets every figure from <paramref name="snapshot"/> and the new latency samples; <paramref name="now"/> (Unix ns) dates the ages.</summary>
    public void Update(ISessionFeed feed, SessionSnapshot snapshot, DashboardUpdate? update, long now)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (feed.Info is { } info)
        {
            SetLimit(_positionLimit, info.Limits.MaxPosition);
            SetLimit(_openOrdersLimit, info.Limits.MaxOpenOrders);
            SetLimit(_lossLimit, info.Limits.MaxLoss);
            foreach ((string endpoint, int limit) in info.RateLimits)
            {
                _rateLimit.WithLabels(endpoint).Set(limit);
            }
        }

        // + 0.0: a decimal's negative zero (a short closed to nothing) would print as "-0".
        _position.Set((double)snapshot.Position + 0.0);
        _cash.Set((double)snapshot.Cash + 0.0);
        _pnl.WithLabels("realized").Set(snapshot.RealizedPnl);
        _pnl.WithLabels("unrealized").Set(snapshot.UnrealizedPnl);
        _pnl.WithLabels("fees").Set(snapshot.FeesPaid);
        _pnl.WithLabels("rebates").Set(snapshot.Rebates);
        _pnl.WithLabels("net").Set(snapshot.NetPnl);
        _spreadCaptured.Set(snapshot.SpreadCaptured);
        _openOrders.Set(snapshot.OpenOrders);
        foreach ((string endpoint, long count) in snapshot.Requests)
        {
            _requests.WithLabels(endpoint).IncTo(count);
        }

        foreach ((string reason, long count) in snapshot.Rejects)
        {
            _rejects.WithLabels(reason).IncTo(count);
        }

        foreach ((string kind, int count) in snapshot.Faults)
        {
            _faults.WithLabels(kind).IncTo(count);
        }

        _gaps.IncTo(snapshot.Faults.GetValueOrDefault("market-gap"));
        _reconnects.WithLabels("public").IncTo(snapshot.Faults.GetValueOrDefault("market-disconnect"));
        _reconnects.WithLabels("private").IncTo(snapshot.Faults.GetValueOrDefault("stream-down"));
        _executions.IncTo(snapshot.Executions);
        _decisions.IncTo(snapshot.Decisions);
        foreach (MonitorFill fill in update?.Fills ?? snapshot.RecentFills)
        {
            if (fill.Sequence > _fillsSeen)
            {
                _fillsSeen = fill.Sequence;
                _fills.WithLabels(fill.Side == Core.Orders.Side.Buy ? "buy" : "sell", fill.IsMaker ? "maker" : "taker").Inc();
            }
        }

        _kill.Set(snapshot.Killed ? 1 : 0);
        _quoting.Set(snapshot.Quoting ? 1 : 0);
        _paused.Set(snapshot.Paused ? 1 : 0);
        _stale.Set(snapshot.Stale ? 1 : 0);
        _privateUp.Set(snapshot.PrivateStreamUp ? 1 : 0);
        _bookAge.Set(snapshot.LastBookUpdate > 0 ? (now - snapshot.LastBookUpdate) / 1e9 : double.NaN);
        _snapshotAge.Set(feed.IsLive ? (now - snapshot.Time) / 1e9 : double.NaN);
        _samples.Clear();
        _latencyRead = feed.ReadLatencies(_latencyRead, _samples);
        foreach (double seconds in _samples)
        {
            _latency.Observe(seconds);
        }
    }

    private static void SetLimit(Gauge gauge, double limit)
    {
        if (double.IsFinite(limit))
        {
            gauge.Set(limit);
        }
    }
}
