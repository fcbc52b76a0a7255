namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Estimates our place in a queue we cannot see (recorded L2 data does not contain our orders).
/// We join at the back; trades at our price move us forward; the models differ in how much of a
/// fall in the level's size (cancellations) was ahead of us.
/// </summary>
public interface IQueueModel
{
    /// <summary>A trade of <paramref name="size"/> lots at our price.</summary>
    void OnTrade(ref QueuePosition position, long size);

    /// <summary>The level's size (which excludes our order) changed from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    void OnLevelChange(ref QueuePosition position, long previous, long current);
}
