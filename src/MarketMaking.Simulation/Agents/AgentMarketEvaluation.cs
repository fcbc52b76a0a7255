using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Simulation.Agents;

/// <summary>A strategy's runs on the agent-based market (run 0 with time series) and their summary.</summary>
public sealed record AgentMarketEvaluation(string Label, MonteCarloSummary Summary, IReadOnlyList<RunResult> Runs);
