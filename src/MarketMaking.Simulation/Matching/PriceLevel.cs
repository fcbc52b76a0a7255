namespace MarketMaking.Simulation.Matching;

/// <summary>One price level: its total, its order count and the two ends of its FIFO of order slots.</summary>
internal struct PriceLevel
{
    /// <summary>The price for bids, minus the price for asks, so both sides sort ascending with the best last.</summary>
    public long Key;
    public long Size;
    public int Count;
    public int Head;
    public int Tail;
}
