using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Model;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Runs a strategy on a model market twice over: all trajectories in the vectorized engine for the
/// statistics, and trajectory 0 through the event loop with time series recorded (the same numbers
/// as the engine's trajectory 0) for the report.
/// </summary>
public static class StrategyEvaluator
{
    /// <summary>Markout horizons of the sample run, in steps.</summary>
    private static readonly int[] MarkoutSteps = [1, 5, 20];

    public static StrategyEvaluation Evaluate(
        ModelMarketParameters market,
        MonteCarloSettings settings,
        string label,
        IQuotingStrategy strategy,
        double riskAversion,
        InventoryPenalty penalty = default)
    {
        MonteCarloResult result = new MonteCarloEngine(market, settings).Run(strategy);
        MonteCarloSummary summary = result.Summarize(riskAversion, penalty) with { Strategy = label };
        var run = new RunSettings
        {
            Risk = new RiskLimits { MaxPosition = settings.MaxPosition },
            DecisionInterval = settings.DecisionInterval,
            InitialInventory = settings.InitialInventory,
            SlippageBps = settings.SlippageBps,
            RecordSeries = true,
            Metrics = new MetricsOptions
            {
                InventoryLimit = settings.MaxPosition,
                SamplePeriod = market.TimeStep, // not annualized: the model's time unit (T = 1) is not calendar time
                MarkoutHorizons = MarkoutSteps.Select(steps => steps * market.TimeStep).ToArray(),
            },
        };
        RunResult sample = EventLoop.Run(new ModelMarket(market, settings.Seed, trajectory: 0), strategy, run) with { Strategy = label };
        return new StrategyEvaluation(label, summary, result.Outcomes.NetPnl.ToArray(), result.Outcomes.Drawdowns.ToArray(), sample);
    }
}
