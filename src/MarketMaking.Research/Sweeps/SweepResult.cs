namespace MarketMaking.Research.Sweeps;

/// <summary>What one point of a sweep scored.</summary>
/// <param name="Point">The point.</param>
/// <param name="Objective">The sweep's objective of the point (NaN until a <see cref="SweepObjective"/> scored it).</param>
/// <param name="Pnl">Net PnL (model market: mean over trajectories).</param>
/// <param name="Sharpe">Sharpe ratio: per period of one run on recorded data; across runs on the model market.</param>
/// <param name="Utility">Mean–variance utility E[PnL] − γ/2·Var[PnL] (model market only; NaN elsewhere).</param>
/// <param name="MaxDrawdown">Largest fall of PnL from its peak (model market: mean over trajectories).</param>
/// <param name="Fills">Fills (model market: mean over trajectories).</param>
/// <param name="MeanAbsInventory">Time-weighted mean |q|.</param>
public sealed record SweepResult(SweepPoint Point, double Objective, double Pnl, double Sharpe, double Utility, double MaxDrawdown, double Fills, double MeanAbsInventory);
