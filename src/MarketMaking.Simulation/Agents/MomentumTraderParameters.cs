using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>Trend followers: they buy when the mid is above its moving average by more than the threshold, sell when below.</summary>
public sealed record MomentumTraderParameters
{
    public double Rate { get; init; } = 0.2;

    /// <summary>Time constant of the exponential moving average (seconds).</summary>
    public double Lookback { get; init; } = 30;

    public double Threshold { get; init; } = 0.02;

    public long Size { get; init; } = 2;

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("momentum.rate", Rate);
        InvalidParameterException.RequirePositive("momentum.lookback", Lookback);
        InvalidParameterException.RequireNonNegative("momentum.threshold", Threshold);
        if (Size < 1)
        {
            throw new InvalidParameterException("momentum.size", $"must be at least 1 lot, got {Size}");
        }
    }
}
