using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// What a taker order of <c>wanted</c> lots takes from a recorded book as it stands, walking levels
/// from the touch as deep as it needs (the recording cannot react, so nothing is removed).
/// </summary>
/// <param name="Lots">Lots filled (fewer than wanted only when the side ran out).</param>
/// <param name="NotionalTicks">Σ lots·price over the levels taken (price in ticks).</param>
/// <param name="InverseTicks">Σ lots/price over the levels taken: an inverse contract's coins are this times its face value over the tick.</param>
/// <param name="Levels">Levels walked.</param>
/// <param name="TouchTicks">The best opposite price (0 on an empty side).</param>
public readonly record struct TakerSweep(long Lots, double NotionalTicks, double InverseTicks, int Levels, long TouchTicks)
{
    /// <summary>Walks the side opposite to <paramref name="side"/> (a buy takes asks) for <paramref name="wanted"/> lots.</summary>
    public static TakerSweep Take(IOrderBookView book, Side side, long wanted)
    {
        ArgumentNullException.ThrowIfNull(book);
        Side takes = side.Opposite();
        int levels = book.LevelCount(takes);
        long filled = 0;
        double notional = 0, inverse = 0;
        int taken = 0;
        while (filled < wanted && taken < levels)
        {
            BookLevel level = book.Level(takes, taken++);
            long lots = Math.Min(level.Size, wanted - filled);
            filled += lots;
            notional += (double)lots * level.Price;
            inverse += lots / (double)level.Price;
        }

        return new TakerSweep(filled, notional, inverse, taken, levels > 0 ? book.Best(takes).Price : 0);
    }
}
