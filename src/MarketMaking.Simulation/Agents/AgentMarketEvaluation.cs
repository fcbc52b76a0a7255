using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// A strategy's runs on the agent-based market (run 0 with time series), their summary, and how
/// many of its orders the market refused on arrival (they would have crossed), over all runs.
/// </summary>
public sealed record AgentMarketEvaluation(string Label, MonteCarloSummary Summary, IReadOnlyList<RunResult> Runs, long OrdersRefused);
