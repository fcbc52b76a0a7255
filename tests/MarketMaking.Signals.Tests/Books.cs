using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Tests;

/// <summary>Builders for books, trades and times shared by the tests.</summary>
internal static class Books
{
    public const long Second = 1_000_000_000;

    /// <summary>A book with levels (price, size), best first, on each side.</summary>
    public static OrderBook Of((long Price, long Size)[] bids, (long Price, long Size)[] asks)
    {
        var book = new OrderBook();
        Set(book, bids, asks);
        return book;
    }

    public static void Set(OrderBook book, (long Price, long Size)[] bids, (long Price, long Size)[] asks)
    {
        book.Clear();
        foreach (var (price, size) in bids)
        {
            book.Set(Side.Buy, price, size);
        }

        foreach (var (price, size) in asks)
        {
            book.Set(Side.Sell, price, size);
        }
    }

    /// <summary>Replaces the book by one level per side (no allocation once the book has its size).</summary>
    public static void Touch(OrderBook book, long bidPrice, long bidSize, long askPrice, long askSize)
    {
        book.Clear();
        book.Set(Side.Buy, bidPrice, bidSize);
        book.Set(Side.Sell, askPrice, askSize);
    }

    public static MarketEvent Trade(double seconds, Side aggressor, long price, long size) =>
        new((long)Math.Round(seconds * Second), 0, MarketEventKind.Trade, aggressor, price, size, 0, EventMarkers.EndOfBatch);

    public static MarketEvent Level(double seconds, Side side, long price, long size, bool endOfBatch = true) =>
        new((long)Math.Round(seconds * Second), 0, MarketEventKind.BookLevel, side, price, size, 0, endOfBatch ? EventMarkers.EndOfBatch : EventMarkers.None);

    public static long At(double seconds) => (long)Math.Round(seconds * Second);
}
