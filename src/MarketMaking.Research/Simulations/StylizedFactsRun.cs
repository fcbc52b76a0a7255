using MarketMaking.Core.Metrics;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// The statistics that show the agent-based market behaves like a real one. A naive quoter (joins
/// the touch, one lot, inventory capped at 20 lots) trades along so the toxicity of the flow shows
/// in its markout.
/// </summary>
public static class StylizedFactsRun
{
    /// <summary>Seconds from a fill to the naive quoter's markout.</summary>
    public const double MarkoutHorizon = 10;

    /// <summary>Runs the market for its duration on <paramref name="seed"/> and measures the facts.</summary>
    public static StylizedFactsReport Measure(AgentMarketParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var observer = new StylizedFactsObserver();
        var agentMarket = new AgentMarket(parameters, seed) { Observer = observer };
        var settings = new RunSettings
        {
            Risk = new RiskLimits { MaxPosition = 20 * parameters.LotSize },
            Metrics = new MetricsOptions { MarkoutHorizons = [MarkoutHorizon] },
        };
        RunResult naive = EventLoop.Run(agentMarket, new TouchStrategy(parameters.LotSize), settings);
        StylizedFacts facts = observer.Result();
        MarkoutResult markout = naive.Metrics.Markouts[0];
        return new StylizedFactsReport(
            facts.Minutes,
            facts.Trades,
            facts.ReturnExcessKurtosis,
            facts.AbsoluteReturnAutocorrelation,
            facts.TradePriceChangeAutocorrelation,
            facts.SpreadShares,
            facts.ImpactBySize,
            facts.ImpactExponent,
            facts.ImpactIsConcave,
            markout.MeanPerUnit / parameters.TickSize,
            markout.Count,
            agentMarket.Events);
    }
}
