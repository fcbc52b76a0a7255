using FsCheck;
using FsCheck.Fluent;
using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Tests.Books;

public class OrderBookTests
{
    [Fact]
    public void LevelsAreOrderedBestFirstAndZeroDeletes()
    {
        var book = new OrderBook();
        book.Set(Side.Buy, 100, 5);
        book.Set(Side.Buy, 102, 1);
        book.Set(Side.Buy, 101, 2);
        book.Set(Side.Sell, 105, 7);
        book.Set(Side.Sell, 103, 3);

        Assert.Equal([new BookLevel(102, 1), new BookLevel(101, 2), new BookLevel(100, 5)], Levels(book, Side.Buy));
        Assert.Equal([new BookLevel(103, 3), new BookLevel(105, 7)], Levels(book, Side.Sell));
        Assert.Equal(102.5, book.Mid);
        Assert.Equal(1, book.Spread);

        book.Set(Side.Buy, 102, 0);
        book.Set(Side.Buy, 101, 9);
        book.Set(Side.Sell, 104, 0); // absent: nothing happens
        Assert.Equal([new BookLevel(101, 9), new BookLevel(100, 5)], Levels(book, Side.Buy));
        Assert.Equal(9, book.SizeAt(Side.Buy, 101));
        Assert.Equal(0, book.SizeAt(Side.Sell, 104));
    }

    [Fact]
    public void EventsClearAndSetAndCrossingIsDetected()
    {
        var book = new OrderBook();
        book.Apply(new MarketEvent(0, 0, MarketEventKind.BookLevel, Side.Buy, 10, 1, 0, EventMarkers.None));
        book.Apply(new MarketEvent(0, 0, MarketEventKind.BookLevel, Side.Sell, 10, 1, 0, EventMarkers.None));
        Assert.True(book.IsCrossed);
        book.Apply(new MarketEvent(0, 0, MarketEventKind.Trade, Side.Buy, 10, 1, 0, EventMarkers.None));
        Assert.Equal(1, book.LevelCount(Side.Sell));
        book.Apply(new MarketEvent(0, 0, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.Snapshot));
        Assert.Equal(0, book.LevelCount(Side.Buy) + book.LevelCount(Side.Sell));
        Assert.True(double.IsNaN(book.Mid));
        Assert.Equal(default, book.Best(Side.Buy));
    }

    [Fact]
    public void MatchesADictionaryModelUnderRandomUpdates() =>
        AgreesWithADictionaryModel(Gen.Choose(0, 40).Select(price => (long)price));

    [Fact]
    public void TheTouchAndMidMatchADictionaryModelWithLevelsFarApart() =>
        // The mid and the touch read the dense window's best slot: it must hold the best level
        // whenever a side has one, as levels come and go in clusters 40,000 ticks apart (the window
        // spans 16,384), so the window recentres and far levels wait outside it.
        AgreesWithADictionaryModel(
            from cluster in Gen.Choose(0, 2)
            from offset in Gen.Choose(0, 20)
            select 1_000_000L + (cluster * 40_000L) + offset);

    /// <summary>
    /// Property: after every (side, price, size) update the touch, the mid and two-sidedness are those
    /// of a plain dictionary's non-zero levels, and at the end the book holds exactly those levels,
    /// sorted best first.
    /// </summary>
    private static void AgreesWithADictionaryModel(Gen<long> prices)
    {
        Gen<(Side Side, long Price, int Size)> update =
            from side in Gen.Elements(Side.Buy, Side.Sell)
            from price in prices
            from size in Gen.Choose(0, 3)
            select (side, price, size);
        Prop.ForAll(
            Gen.ListOf(update).ToArbitrary(),
            updates =>
            {
                var book = new OrderBook();
                var model = new Dictionary<(Side, long), long>();
                foreach ((Side side, long price, int size) in updates)
                {
                    book.Set(side, price, size);
                    model[(side, price)] = size;
                    long[] bids = [.. model.Where(kv => kv.Key.Item1 == Side.Buy && kv.Value > 0).Select(kv => kv.Key.Item2)];
                    long[] asks = [.. model.Where(kv => kv.Key.Item1 == Side.Sell && kv.Value > 0).Select(kv => kv.Key.Item2)];
                    double bestBid = bids.Length > 0 ? bids.Max() : double.NaN;
                    double bestAsk = asks.Length > 0 ? asks.Min() : double.NaN;
                    bool both = bids.Length > 0 && asks.Length > 0;
                    if (!bestBid.Equals(book.BestPriceOrNaN(Side.Buy)) || !bestAsk.Equals(book.BestPriceOrNaN(Side.Sell))
                        || both != book.HasBothSides || !(both ? (bestBid + bestAsk) / 2 : double.NaN).Equals(book.Mid))
                    {
                        return false;
                    }
                }

                BookLevel[] expectedBids = model.Where(kv => kv.Key.Item1 == Side.Buy && kv.Value > 0).Select(kv => new BookLevel(kv.Key.Item2, kv.Value)).OrderByDescending(l => l.Price).ToArray();
                BookLevel[] expectedAsks = model.Where(kv => kv.Key.Item1 == Side.Sell && kv.Value > 0).Select(kv => new BookLevel(kv.Key.Item2, kv.Value)).OrderBy(l => l.Price).ToArray();
                return expectedBids.SequenceEqual(Levels(book, Side.Buy)) && expectedAsks.SequenceEqual(Levels(book, Side.Sell));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FarLevelsOutsideTheDenseWindowBehaveTheSame()
    {
        // Prices in three clusters far apart (the dense window spans 16,384 ticks), so levels move
        // between the window and the far levels, and the window re-centres as the best jumps.
        Gen<long> price = Gen.OneOf(Gen.Choose(0, 20), Gen.Choose(100_000, 100_020), Gen.Choose(1_000_000, 1_000_005)).Select(p => (long)p);
        Gen<(Side Side, long Price, int Size)> update =
            from side in Gen.Elements(Side.Buy, Side.Sell)
            from p in price
            from size in Gen.Choose(0, 2)
            select (side, p, size);
        Prop.ForAll(
            Gen.ListOf(update).ToArbitrary(),
            updates =>
            {
                var book = new OrderBook();
                var model = new Dictionary<(Side, long), long>();
                foreach ((Side side, long p, int size) in updates)
                {
                    book.Set(side, p, size);
                    model[(side, p)] = size;
                }

                bool sameSizes = model.All(kv => book.SizeAt(kv.Key.Item1, kv.Key.Item2) == kv.Value);
                BookLevel[] expectedBids = model.Where(kv => kv.Key.Item1 == Side.Buy && kv.Value > 0).Select(kv => new BookLevel(kv.Key.Item2, kv.Value)).OrderByDescending(l => l.Price).ToArray();
                BookLevel[] expectedAsks = model.Where(kv => kv.Key.Item1 == Side.Sell && kv.Value > 0).Select(kv => new BookLevel(kv.Key.Item2, kv.Value)).OrderBy(l => l.Price).ToArray();
                return sameSizes
                    && expectedBids.SequenceEqual(Levels(book, Side.Buy))
                    && expectedAsks.SequenceEqual(Levels(book, Side.Sell))
                    && book.Best(Side.Buy) == expectedBids.FirstOrDefault()
                    && book.Best(Side.Sell) == expectedAsks.FirstOrDefault()
                    && expectedBids.Take(3).SequenceEqual(Copied(book, Side.Buy, 3))
                    && expectedAsks.Take(3).SequenceEqual(Copied(book, Side.Sell, 3))
                    && expectedBids.SequenceEqual(Copied(book, Side.Buy, expectedBids.Length + 2));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AddChangesALevelByItsDeltaAndFloorsAtZero()
    {
        var book = new OrderBook();
        book.Add(Side.Buy, 100, 5);   // a new level
        book.Add(Side.Buy, 101, 2);   // a better one: the best moves up
        book.Add(Side.Buy, 100, 3);   // 5 + 3
        book.Add(Side.Buy, 101, -2);  // 2 − 2 = 0: the level leaves, the best falls back to 100
        book.Add(Side.Sell, 103, 4);
        book.Add(Side.Sell, 103, -9); // 4 − 9 floors at 0: the level leaves
        book.Add(Side.Sell, 104, -1); // absent and negative: nothing happens

        Assert.Equal([new BookLevel(100, 8)], Levels(book, Side.Buy));
        Assert.Equal(new BookLevel(100, 8), book.Best(Side.Buy));
        Assert.Equal(0, book.LevelCount(Side.Sell));
    }

    [Fact]
    public void AddEqualsSetOfTheSizePlusDeltaEverywhere()
    {
        // Property: Add(side, price, delta) leaves the book Set(side, price, max(0, size + delta))
        // leaves, near the touch and on far levels outside the dense window alike.
        Gen<long> price = Gen.OneOf(Gen.Choose(0, 20), Gen.Choose(100_000, 100_010)).Select(p => (long)p);
        Gen<(Side Side, long Price, int Delta)> update =
            from side in Gen.Elements(Side.Buy, Side.Sell)
            from p in price
            from delta in Gen.Choose(-3, 3)
            select (side, p, delta);
        Prop.ForAll(
            Gen.ListOf(update).ToArbitrary(),
            updates =>
            {
                var added = new OrderBook();
                var set = new OrderBook();
                foreach ((Side side, long p, int delta) in updates)
                {
                    added.Add(side, p, delta);
                    set.Set(side, p, Math.Max(0, set.SizeAt(side, p) + delta));
                }

                return Levels(added, Side.Buy).SequenceEqual(Levels(set, Side.Buy))
                    && Levels(added, Side.Sell).SequenceEqual(Levels(set, Side.Sell))
                    && added.Best(Side.Buy) == set.Best(Side.Buy)
                    && added.Best(Side.Sell) == set.Best(Side.Sell);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void UpdatesAllocateNothingOnceWarm()
    {
        var book = new OrderBook();
        for (int i = 0; i < 200; i++)
        {
            book.Set(Side.Buy, 1000 - i, 1);
            book.Set(Side.Sell, 1001 + i, 1);
        }

        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                book.Set(Side.Buy, 1000 - (i % 50), i % 3);
                book.Set(Side.Sell, 1001 + (i % 50), i % 3);
            }
        });

        Assert.Equal(0, allocated);
    }

    /// <summary>CopyLevels into room for <paramref name="room"/> levels: only what it says it wrote.</summary>
    private static BookLevel[] Copied(OrderBook book, Side side, int room)
    {
        var levels = new BookLevel[room];
        return levels[..book.CopyLevels(side, levels)];
    }

    private static BookLevel[] Levels(OrderBook book, Side side) =>
        Enumerable.Range(0, book.LevelCount(side)).Select(i => book.Level(side, i)).ToArray();
}
