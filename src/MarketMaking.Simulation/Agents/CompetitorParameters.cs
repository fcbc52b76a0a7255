using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>An optional competing market maker that requotes symmetrically around the mid.</summary>
public sealed record CompetitorParameters
{
    public bool Enabled { get; init; }

    /// <summary>Requotes per second.</summary>
    public double RefreshRate { get; init; } = 2;

    /// <summary>Its quotes' distance from the mid, in ticks (at least one).</summary>
    public long HalfSpreadTicks { get; init; } = 1;

    public long Size { get; init; } = 5;

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("competitor.refresh_rate", RefreshRate);
        if (HalfSpreadTicks < 1)
        {
            throw new InvalidParameterException("competitor.half_spread_ticks", $"must be at least 1, got {HalfSpreadTicks}");
        }

        if (Size < 1)
        {
            throw new InvalidParameterException("competitor.size", $"must be at least 1 lot, got {Size}");
        }
    }
}
