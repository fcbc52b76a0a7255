using MarketMaking.Simulation.Engine;

namespace MarketMaking.Research.Hedging;

/// <summary>A hedged replay: the quoted leg's run (metrics and series as any backtest) and the hedge's figures.</summary>
public sealed record HedgedRun(RunResult Quoted, HedgeSummary Hedge);
