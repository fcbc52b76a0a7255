namespace MarketMaking.Cli.Tuning;

/// <summary>What one point of a sweep scored.</summary>
internal sealed record TuneResult(TunePoint Point, double Objective, double Pnl, double Sharpe, double Utility, double MaxDrawdown, double Fills, double MeanAbsInventory);
