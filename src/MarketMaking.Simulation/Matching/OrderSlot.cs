using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// A pooled resting order: one element of the engine's order array, linked into its level's FIFO
/// by array index (-1 = none), so the book holds no object references and allocates nothing per order.
/// A free slot reuses <see cref="Next"/> as the free-list link.
/// </summary>
internal struct OrderSlot
{
    public long Id;
    public long Price;
    public long Remaining;
    public long Time;
    public int Owner;
    public int Prev;
    public int Next;

    /// <summary>Slot of the order's level in its side's level pool.</summary>
    public int Level;

    public Side Side;
    public bool PostOnly;
}
