namespace MarketMaking.Research.Reports;

/// <summary>Mean markout per unit at one horizon (seconds, or the model's time unit).</summary>
public sealed record MarkoutRow(double Horizon, double MeanPerUnit, long Fills);
