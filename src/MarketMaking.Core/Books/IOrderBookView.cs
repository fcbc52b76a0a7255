using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Books;

/// <summary>
/// Read-only aggregated (L2) view of a book, in ticks and lots, that strategies and signals read
/// without copying. Implemented by the L2 book rebuilt from data and by the matching engine.
/// </summary>
public interface IOrderBookView
{
    /// <summary>Number of non-empty levels on a side.</summary>
    int LevelCount(Side side);

    /// <summary>Level <paramref name="index"/> of a side, 0 = best; index must be below <see cref="LevelCount"/>.</summary>
    BookLevel Level(Side side, int index);

    /// <summary>Best level of a side; an empty level (size 0) when the side is empty.</summary>
    BookLevel Best(Side side);

    /// <summary>Total size resting at a price on a side (0 when there is no level there).</summary>
    long SizeAt(Side side, long price);
}
