using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Book;

internal static class BookDepth
{
    /// <summary>Total size of the best <paramref name="levels"/> non-empty levels of a side (fewer if the side is thinner).</summary>
    public static long Sum(IOrderBookView book, Side side, int levels)
    {
        int count = Math.Min(levels, book.LevelCount(side));
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            total += book.Level(side, i).Size;
        }

        return total;
    }

    public static int RequireLevels(int levels) =>
        levels >= 1 ? levels : throw new Core.Errors.InvalidParameterException("levels", $"must be at least 1, got {levels}");
}
