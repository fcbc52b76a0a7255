using MarketMaking.Cli.Options;
using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// Scores sweep points on recorded L2 data: each point replays the file's events (parsed once,
/// held in memory) through the market <c>mm backtest</c> builds, with the same queue model,
/// latency, fees and slippage, so a point scores what <c>mm backtest</c> reports for it.
/// A walk-forward window [from, to) replays the data from its start, so the book, volatility and
/// features at <c>from</c> are exactly those of a whole replay; it trades only from the first
/// consistent two-sided book at or after <c>from</c> and stops at the last message before <c>to</c>.
/// </summary>
internal sealed class ReplaySweep
{
    private readonly ReplayEvents _events;
    private readonly ReplaySession _session;
    private readonly StrategySettings _baseline;
    private readonly Func<StrategySettings, IQuotingStrategy> _create;
    private readonly RunSettings _run;

    public ReplaySweep(ReplayEvents events, ReplaySession session, StrategySettings baseline, Func<StrategySettings, IQuotingStrategy> create, double slippageBps)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        _create = create ?? throw new ArgumentNullException(nameof(create));

        // mm backtest's metrics, less the markouts a sweep does not report (they do not change PnL or Sharpe).
        _run = new RunSettings { Metrics = ReplayOptions.RecordedDataMetrics(double.PositiveInfinity) with { MarkoutHorizons = [] }, SlippageBps = slippageBps }.Validate();
    }

    /// <summary>The first time a walk-forward window may start: after the calibration window, which is never traded (ns).</summary>
    public long Start => _events.First + Durations.Nanoseconds(_session.WarmUp);

    /// <summary>The last event's local time (ns).</summary>
    public long End => _events.Last;

    /// <summary>A point over the whole data, traded after the calibration window: what <c>mm backtest</c> runs.</summary>
    public TuneResult Evaluate(TunePoint point) => Evaluate(point, null, long.MaxValue);

    /// <summary>A point traded inside <paramref name="window"/> only (the data before it replayed untraded).</summary>
    public TuneResult Evaluate(TunePoint point, Window window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Evaluate(point, window.From - _events.First, window.To);
    }

    /// <summary>The window [from, to) when the data has messages in it; null otherwise (nothing to trade).</summary>
    public Window? Slice(long from, long to) => _events.HasMessageIn(from, to) ? new Window(from, to) : null;

    private TuneResult Evaluate(TunePoint point, long? startAfter, long end)
    {
        StrategySettings settings = TunableParameters.Apply(_baseline, point.Values);
        IQuotingStrategy strategy = _create(settings);
        using var source = _events.Source(end);
        ReplayMarket market = _session.Market(source, strategy, startAfter);
        RunMetrics m = EventLoop.Run(market, strategy, _run).Metrics;
        return new TuneResult(point, double.NaN, m.NetPnl, m.SharpePerPeriod, double.NaN, m.MaxDrawdown, m.Fills, m.MeanAbsInventory);
    }

    /// <summary>A walk-forward window of local time [From, To) in ns since the epoch.</summary>
    public sealed record Window(long From, long To);
}
