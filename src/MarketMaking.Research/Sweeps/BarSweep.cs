using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Research.Backtests;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Scores sweep points on bars held in memory: each point runs the bar market over every bar
/// as a bar backtest does (<see cref="BarBacktest.Sweep"/>). Points run in parallel, one per core.
/// </summary>
public sealed class BarSweep : ISweepMarket
{
    private readonly Bar[] _bars;
    private readonly Instrument _instrument;
    private readonly StrategySettings _baseline;
    private readonly Func<StrategySettings, IQuotingStrategy> _create;
    private readonly BarSettings _settings;
    private readonly RiskLimits? _risk;
    private readonly double _barSeconds;

    /// <param name="bars">The bars, oldest first (at least two).</param>
    /// <param name="instrument">The instrument traded (tick, lot, fees).</param>
    /// <param name="baseline">Strategy settings before a point's values are applied; update_freq counts bars.</param>
    /// <param name="create">Builds the strategy a point runs.</param>
    /// <param name="settings">Fill rule, touch probability, slippage and seed (defaults: fills when the price trades through).</param>
    /// <param name="risk">Position limit and kill switch of every point; none by default.</param>
    public BarSweep(Bar[] bars, Instrument instrument, StrategySettings baseline, Func<StrategySettings, IQuotingStrategy> create, BarSettings? settings = null, RiskLimits? risk = null)
    {
        _bars = bars ?? throw new ArgumentNullException(nameof(bars));
        _instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        _baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _settings = (settings ?? new BarSettings()).Validate();
        _risk = risk;
        _barSeconds = BarFiles.BarSeconds(bars);
    }

    /// <summary>The tunable settings the market reads for every strategy: update_freq, the bars between decisions.</summary>
    public static IReadOnlyList<string> RunParameters { get; } = ["update_freq"];

    /// <summary>The bars every point runs over.</summary>
    public IReadOnlyList<Bar> Bars => _bars;

    /// <summary>True: points run side by side, one per core.</summary>
    public bool RunsPointsInParallel => true;

    /// <summary>The same sweep over <paramref name="window"/> (at least two bars): a walk-forward window.</summary>
    public BarSweep Window(Bar[] window) => new(window, _instrument, _baseline, _create, _settings, _risk);

    /// <inheritdoc/>
    public void Check(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        _ = _create(TunableParameters.Apply(_baseline, point.Values));
    }

    /// <inheritdoc/>
    public SweepResult Evaluate(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        StrategySettings s = TunableParameters.Apply(_baseline, point.Values);
        RunSettings run = BarBacktest.RunSettingsOf(_barSeconds, s, _risk);
        RunMetrics m = EventLoop.Run(new BarMarket(_bars, _instrument, _settings), _create(s), run).Metrics;
        return new SweepResult(point, double.NaN, m.NetPnl, m.SharpePerPeriod, double.NaN, m.MaxDrawdown, m.Fills, m.MeanAbsInventory);
    }
}
