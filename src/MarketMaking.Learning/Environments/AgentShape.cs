namespace MarketMaking.Learning.Environments;

/// <summary>What an agent must match to act in an environment: its actions (a grid, or continuous depths), position limit and observation.</summary>
public sealed record AgentShape(DepthGrid Actions, int MaxInventory, ObservationLayout Observation)
{
    /// <summary>Where a continuous agent's depths lie (by default 0 to the grid's largest depth; in ticks on the book).</summary>
    public DepthRange Depths { get; init; } = DepthRange.UpTo(Actions);

    public static AgentShape Of(EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AgentShape(settings.Actions, settings.MaxInventory, settings.Observation) { Depths = settings.Depths };
    }

    public static AgentShape Of(AgentEnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AgentShape(settings.Actions, settings.MaxInventory, settings.Observation) { Depths = settings.Depths };
    }
}
