using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Mean-reversion (value) traders: each sees the fundamental value through its own noise and buys
/// when the mid is below its estimate by more than the threshold, sells when above.
/// </summary>
public sealed record ValueTraderParameters
{
    public double Rate { get; init; } = 0.2;

    /// <summary>Standard deviation of a value trader's error about the fundamental (price units).</summary>
    public double Noise { get; init; } = 0.1;

    public double Threshold { get; init; } = 0.05;

    public long Size { get; init; } = 3;

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("value.rate", Rate);
        InvalidParameterException.RequireNonNegative("value.noise", Noise);
        InvalidParameterException.RequireNonNegative("value.threshold", Threshold);
        if (Size < 1)
        {
            throw new InvalidParameterException("value.size", $"must be at least 1 lot, got {Size}");
        }
    }
}
