namespace MarketMaking.Cli.Output;

/// <summary>Mean markout per unit at one horizon (seconds, or the model's time unit).</summary>
internal sealed record MarkoutRow(double Horizon, double MeanPerUnit, long Fills);
