namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// The conservative model: only trades at our price move us forward; cancellations are assumed to
/// come from behind us (we never gain from them), though the queue ahead cannot exceed the level.
/// </summary>
public sealed class RiskAverseQueueModel : IQueueModel
{
    public void OnTrade(ref QueuePosition position, long size) => position.Ahead -= size;

    public void OnLevelChange(ref QueuePosition position, long previous, long current) =>
        position.Ahead = Math.Min(position.Ahead, current);
}
