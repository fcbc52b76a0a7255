using MarketMaking.Core.Metrics;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Scores sweep points on recorded L2 data: each point replays the file's events (parsed once,
/// held in memory) through the market a <see cref="ReplaySession"/> builds, with the same queue
/// model, latency, fees and slippage as a backtest, so a point scores what the backtest reports
/// for it. Points run in parallel, one per core.
/// A walk-forward window [from, to) replays the data from its start, so the book, volatility and
/// features at <c>from</c> are exactly those of a whole replay; it trades only from the first
/// consistent two-sided book at or after <c>from</c> and stops at the last message before <c>to</c>.
/// </summary>
public sealed class ReplaySweep : ISweepMarket
{
    private readonly ReplayEvents _events;
    private readonly ReplaySession _session;
    private readonly StrategySettings _baseline;
    private readonly Func<StrategySettings, IQuotingStrategy> _create;
    private readonly RunSettings _run;

    /// <param name="events">The data, read once (<see cref="ReplayEvents.Load"/>).</param>
    /// <param name="session">The replay set up on the same data (<see cref="ReplaySession.Open"/> over <c>events.Source()</c>).</param>
    /// <param name="baseline">Strategy settings before a point's values are applied (e.g. <see cref="ReplaySession.Baseline"/>).</param>
    /// <param name="create">Builds the strategy a point runs.</param>
    /// <param name="slippageBps">Each fill's price moved against us, basis points.</param>
    public ReplaySweep(ReplayEvents events, ReplaySession session, StrategySettings baseline, Func<StrategySettings, IQuotingStrategy> create, double slippageBps = 0)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        _create = create ?? throw new ArgumentNullException(nameof(create));

        // A backtest's metrics, less the markouts a sweep does not report (they do not change PnL or Sharpe).
        _run = new RunSettings { Metrics = BacktestMetrics.ForRecordedData(double.PositiveInfinity) with { MarkoutHorizons = [] }, SlippageBps = slippageBps }.Validate();
    }

    /// <summary>The tunable settings the market reads for every strategy: none (a replay requotes on its own interval, not on update_freq).</summary>
    public static IReadOnlyList<string> RunParameters { get; } = [];

    /// <summary>The first time a walk-forward window may start: after the calibration window, which is never traded (ns).</summary>
    public long Start => _events.First + Durations.Nanoseconds(_session.WarmUp);

    /// <summary>The last event's local time (ns).</summary>
    public long End => _events.Last;

    /// <summary>True: points run side by side, one per core.</summary>
    public bool RunsPointsInParallel => true;

    /// <inheritdoc/>
    public void Check(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        _ = _create(TunableParameters.Apply(_baseline, point.Values));
    }

    /// <summary>A point over the whole data, traded after the calibration window: what a backtest runs.</summary>
    public SweepResult Evaluate(SweepPoint point) => Evaluate(point, null, long.MaxValue);

    /// <summary>A point traded inside <paramref name="window"/> only (the data before it replayed untraded).</summary>
    public SweepResult Evaluate(SweepPoint point, Window window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Evaluate(point, window.From - _events.First, window.To);
    }

    /// <summary>The window [from, to) when the data has messages in it; null otherwise (nothing to trade).</summary>
    public Window? Slice(long from, long to) => _events.HasMessageIn(from, to) ? new Window(from, to) : null;

    private SweepResult Evaluate(SweepPoint point, long? startAfter, long end)
    {
        ArgumentNullException.ThrowIfNull(point);
        StrategySettings settings = TunableParameters.Apply(_baseline, point.Values);
        IQuotingStrategy strategy = _create(settings);
        using var source = _events.Source(end);
        ReplayMarket market = _session.Market(source, strategy, startAfter);
        RunMetrics m = EventLoop.Run(market, strategy, _run).Metrics;
        return new SweepResult(point, double.NaN, m.NetPnl, m.SharpePerPeriod, double.NaN, m.MaxDrawdown, m.Fills, m.MeanAbsInventory);
    }

    /// <summary>A walk-forward window of local time [From, To) in ns since the epoch.</summary>
    /// <param name="From">First time traded (ns).</param>
    /// <param name="To">End of the window, excluded (ns).</param>
    public sealed record Window(long From, long To);
}
