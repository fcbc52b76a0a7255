using MarketMaking.Core.MarketData;
using MarketMaking.Core.Risk;
using MarketMaking.Learning.Supervised;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.AdverseSelection;

/// <summary>
/// Collects labelled fills for the adverse-selection detector by running a strategy on the
/// agent-based market over several seeds (in parallel; run i's rows come after run i − 1's in
/// time, so a time-ordered split trains on the first seeds and tests on the last), or on a
/// recorded file replayed with queues.
/// </summary>
public static class AdverseFillSampler
{
    public static LabeledDataset FromAgentMarket(
        AgentMarketParameters market,
        IQuotingStrategy strategy,
        FeatureSelection selection,
        int runs,
        ulong seed,
        double horizon,
        double threshold,
        RiskLimits risk,
        MarketFeatureSettings? featureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var parts = new LabeledDataset[runs];
        long runLength = (long)Math.Ceiling((market.Duration + horizon + 1) * 1e9);
        Parallel.For(0, runs, i =>
        {
            parts[i] = new LabeledDataset(selection.Names);
            var agentMarket = new AgentMarket(market, seed + (ulong)i) { Features = new MarketFeatures(featureSettings ?? new MarketFeatureSettings()) };
            var labeler = new AdverseFillLabeler(selection, parts[i], horizon, threshold, timeOffset: i * runLength);
            EventLoop.Run(agentMarket, strategy, new RunSettings { Risk = risk, Observer = labeler });
        });

        var all = new LabeledDataset(selection.Names);
        foreach (LabeledDataset part in parts)
        {
            for (int row = 0; row < part.Count; row++)
            {
                all.Add(part.Time(row), part.Features(row), part.Label(row));
            }
        }

        return all;
    }

    public static LabeledDataset FromReplay(
        IMarketEventSource source,
        IQuotingStrategy strategy,
        FeatureSelection selection,
        double horizon,
        double threshold,
        ReplaySettings settings,
        MarketFeatureSettings? featureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var data = new LabeledDataset(selection.Names);
        var market = new ReplayMarket(source, settings) { Features = new MarketFeatures(featureSettings ?? new MarketFeatureSettings()) };
        EventLoop.Run(market, strategy, new RunSettings { Observer = new AdverseFillLabeler(selection, data, horizon, threshold) });
        return data;
    }
}
