using MarketMaking.Simulation.Engine;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// A strategy measured on a model market: statistics over many runs, the terminal PnL and the
/// largest drawdown of each run (for their distributions), and one run in full for charts.
/// </summary>
public sealed record StrategyEvaluation(string Label, MonteCarloSummary Summary, IReadOnlyList<double> TerminalPnl, IReadOnlyList<double> MaxDrawdowns, RunResult Sample);
