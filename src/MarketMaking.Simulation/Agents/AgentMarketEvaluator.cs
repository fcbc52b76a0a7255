using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Runs a strategy on the agent-based market over many seeds (in parallel; run i uses seed + i,
/// the same seeds for every strategy so comparisons are paired) and summarizes across runs.
/// </summary>
public static class AgentMarketEvaluator
{
    public static readonly double[] MarkoutSeconds = [1, 10, 60];

    public static AgentMarketEvaluation Evaluate(
        AgentMarketParameters market,
        IQuotingStrategy strategy,
        string label,
        int runs,
        ulong seed,
        RiskLimits risk,
        double riskAversion,
        InventoryPenalty penalty = default,
        RunSettings? baseSettings = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var results = new RunResult[runs];
        var refused = new long[runs];
        Parallel.For(0, runs, i =>
        {
            var settings = (baseSettings ?? new RunSettings()) with
            {
                Risk = risk,
                RecordSeries = i == 0,
                Metrics = new MetricsOptions { MarkoutHorizons = MarkoutSeconds, SamplePeriod = 1, TimeUnitsPerYear = MetricsOptions.SecondsPerYear, InventoryLimit = risk.MaxPosition },
            };
            var agentMarket = new AgentMarket(market, seed + (ulong)i);
            if (strategy is IReadsMarketFeatures { FeatureSettings: { } features })
            {
                agentMarket.Features = new MarketFeatures(features);
            }

            results[i] = EventLoop.Run(agentMarket, strategy, settings) with { Strategy = label };
            refused[i] = agentMarket.OrdersRefusedAsCrossing;
        });
        MonteCarloSummary summary = MonteCarloSummary.FromRuns(label, results.Select(r => r.Metrics).ToList(), riskAversion, penalty);
        return new AgentMarketEvaluation(label, summary, results, refused.Sum());
    }
}
