namespace MarketMaking.Learning.Agents;

/// <summary>
/// A trained agent acting greedily: the action index for one observation. Implementations are
/// thread safe and allocation free, so one policy serves parallel evaluation runs.
/// </summary>
public interface IDiscretePolicy
{
    int Act(ReadOnlySpan<float> observation);
}
