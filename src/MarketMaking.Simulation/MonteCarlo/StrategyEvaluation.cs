using MarketMaking.Simulation.Engine;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>A strategy measured on a model market: statistics over many runs, and one run in full for charts.</summary>
public sealed record StrategyEvaluation(string Label, MonteCarloSummary Summary, RunResult Sample);
