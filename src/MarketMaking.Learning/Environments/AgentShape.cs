namespace MarketMaking.Learning.Environments;

/// <summary>What an agent must match to act in an environment: its actions, position limit and observation.</summary>
public sealed record AgentShape(DepthGrid Actions, int MaxInventory, ObservationLayout Observation)
{
    public static AgentShape Of(EnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AgentShape(settings.Actions, settings.MaxInventory, settings.Observation);
    }

    public static AgentShape Of(AgentEnvironmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AgentShape(settings.Actions, settings.MaxInventory, settings.Observation);
    }
}
