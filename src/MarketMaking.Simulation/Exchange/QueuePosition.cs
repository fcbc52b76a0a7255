namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Where our order stands in its price level's queue, estimated from L2 data: the quantity ahead
/// of us (lots), and what traded at our price since the level size last changed (so a size drop
/// caused by those trades is not counted twice).
/// </summary>
public struct QueuePosition
{
    public double Ahead { get; set; }
    public double TradedSinceLevelChange { get; set; }
}
