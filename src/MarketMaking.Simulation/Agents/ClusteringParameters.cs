using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Self-excitation of market orders (a Hawkes process with exponential kernel): each market order
/// raises the noise traders' market-order intensity by n·β, decaying at rate β. n = 0 is Poisson.
/// Clustered order flow gives volatility clustering and fat-tailed returns.
/// </summary>
public sealed record ClusteringParameters
{
    /// <summary>Branching ratio n in [0, 1): the share of market orders triggered by earlier ones.</summary>
    public double BranchingRatio { get; init; } = 0.95;

    /// <summary>Decay rate β per second (1/β is how long a burst lasts).</summary>
    public double Decay { get; init; } = 0.001;

    internal void Validate()
    {
        if (BranchingRatio is < 0 or >= 1)
        {
            throw new InvalidParameterException("clustering.branching_ratio", $"must be in [0, 1), got {BranchingRatio}");
        }

        InvalidParameterException.RequirePositive("clustering.decay", Decay);
    }
}
