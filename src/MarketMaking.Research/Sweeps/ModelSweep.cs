using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// Scores sweep points on the model market: each point is a Monte Carlo run over all cores, on the
/// same seed, so points are compared on the same paths.
/// </summary>
public sealed class ModelSweep : ISweepMarket
{
    private readonly ModelMarketParameters _market;
    private readonly StrategySettings _baseline;
    private readonly Func<StrategySettings, IQuotingStrategy> _create;
    private readonly MonteCarloSettings _settings;

    /// <param name="market">The model market.</param>
    /// <param name="baseline">Strategy settings before a point's values are applied.</param>
    /// <param name="create">Builds the strategy a point runs, e.g. <c>s =&gt; StrategyCatalog.Create("glft", s)</c>.</param>
    /// <param name="settings">Trajectories, seed, slippage of every point; the decision interval is each point's update_freq, as in <c>mm simulate</c>.</param>
    public ModelSweep(ModelMarketParameters market, StrategySettings baseline, Func<StrategySettings, IQuotingStrategy> create, MonteCarloSettings settings)
    {
        _market = market ?? throw new ArgumentNullException(nameof(market));
        _baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
    }

    /// <summary>The tunable settings the market reads for every strategy: update_freq, the time between decisions.</summary>
    public static IReadOnlyList<string> RunParameters { get; } = ["update_freq"];

    /// <summary>False: each point's Monte Carlo run uses every core itself.</summary>
    public bool RunsPointsInParallel => false;

    /// <inheritdoc/>
    public void Check(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        StrategySettings s = TunableParameters.Apply(_baseline, point.Values);
        _ = _create(s);
        _ = (_settings with { DecisionInterval = s.UpdateInterval }).Validate();
    }

    /// <inheritdoc/>
    public SweepResult Evaluate(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        StrategySettings s = TunableParameters.Apply(_baseline, point.Values);
        MonteCarloSummary summary = new MonteCarloEngine(_market, _settings with { DecisionInterval = s.UpdateInterval }).Run(_create(s)).Summarize(s.Gamma);
        return new SweepResult(point, double.NaN, summary.ProfitMean, summary.SharpePerRun, summary.MeanVarianceUtility, summary.MeanMaxDrawdown, summary.FillsMean, summary.MeanAbsInventory);
    }
}
