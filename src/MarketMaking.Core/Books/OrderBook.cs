using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Books;

/// <summary>
/// An aggregated (L2) order book in ticks and lots, rebuilt from snapshots and deltas. Applying an
/// event allocates nothing once the book has its working size.
/// </summary>
public sealed class OrderBook : IOrderBookView
{
    private readonly BookSide _bids = new(isBid: true);
    private readonly BookSide _asks = new(isBid: false);

    /// <summary>True when both sides are quoted and the best bid is at or above the best ask.</summary>
    public bool IsCrossed => HasBothSides && _bids.BestPrice >= _asks.BestPrice;

    /// <summary>True when both sides hold a level.</summary>
    public bool HasBothSides => !_bids.IsEmpty && !_asks.IsEmpty;

    /// <summary>Mid price in ticks (may be half a tick); NaN when a side is empty.</summary>
    public double Mid => HasBothSides ? (_bids.BestPrice + _asks.BestPrice) / 2.0 : double.NaN;

    /// <summary>Best ask minus best bid in ticks; 0 when a side is empty.</summary>
    public long Spread => HasBothSides ? _asks.BestPrice - _bids.BestPrice : 0;

    /// <summary>The best price of a side in ticks; NaN when the side is empty.</summary>
    public double BestPriceOrNaN(Side side)
    {
        BookSide book = Of(side);
        return book.IsEmpty ? double.NaN : book.BestPrice;
    }

    public int LevelCount(Side side) => Of(side).Count;

    public BookLevel Level(Side side, int index)
    {
        BookSide book = Of(side);
        if ((uint)index >= (uint)book.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"{side} side has {book.Count} levels");
        }

        return book.Level(index);
    }

    public BookLevel Best(Side side) => Of(side).Best;

    /// <summary>
    /// The best levels of a side, best first, as many as <paramref name="levels"/> holds; returns how
    /// many it wrote. One walk, where calling <see cref="Level"/> for each index walks from the touch every time.
    /// </summary>
    public int CopyLevels(Side side, Span<BookLevel> levels) => Of(side).CopyLevels(levels);

    public long SizeAt(Side side, long price) => Of(side).SizeAt(price);

    /// <summary>Sets the total size at (side, price) (0 deletes the level); returns the size it had.</summary>
    public long Set(Side side, long price, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return Of(side).Set(price, size);
    }

    /// <summary>Adds <paramref name="delta"/> lots at (side, price), as <see cref="Set"/> of the size there plus delta, floored at 0.</summary>
    public void Add(Side side, long price, long delta) => Of(side).Add(price, delta);

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    /// <summary>Applies a book event (BookClear or BookLevel); other kinds leave the book as it is.</summary>
    public void Apply(in MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.BookClear:
                Clear();
                break;
            case MarketEventKind.BookLevel:
                Set(e.Side, e.Price, e.Size);
                break;
        }
    }

    private BookSide Of(Side side) => side == Side.Buy ? _bids : _asks;
}
