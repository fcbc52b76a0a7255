using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Tests.Books;

/// <summary>The order-by-order book on hand-built sequences (prices in ticks, sizes in lots); every figure is counted by hand.</summary>
public class OrderQueueBookTests
{
    [Fact]
    public void OrdersQueueInTimePriorityAndLeaveByTheirIds()
    {
        var book = new OrderQueueBook();
        long first = book.Add(1, Side.Buy, 100, 5).Key;
        long second = book.Add(2, Side.Buy, 100, 3).Key;
        long third = book.Add(3, Side.Buy, 100, 4).Key;
        book.Add(4, Side.Buy, 99, 7);

        Assert.True(first < second && second < third);
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 100, first));
        Assert.Equal(5 + 3, book.VolumeAhead(Side.Buy, 100, third));
        Assert.Equal(5 + 3 + 4, book.VolumeAhead(Side.Buy, 100, book.NextKey()));
        Assert.Equal(12, book.SizeAt(Side.Buy, 100));
        Assert.Equal(new BookLevel(100, 12), book.Best(Side.Buy));

        // The middle order leaves: the last one moves up by its 3 lots.
        Assert.Equal(new QueueChange(second, 3, Known: true), book.Remove(2, Side.Buy, 100, 3, whole: false));
        Assert.Equal(5, book.VolumeAhead(Side.Buy, 100, third));
        Assert.Equal(3, book.OrderCount);

        // A partial execution of the first keeps it first.
        Assert.Equal(new QueueChange(first, 2, Known: true), book.Remove(1, Side.Buy, 100, 2, whole: false));
        Assert.Equal(3, book.VolumeAhead(Side.Buy, 100, third));
        Assert.Equal(new QueuedOrder(1, Side.Buy, 100, 3, first), Order(book, 1));
        Assert.Equal(7, book.SizeAt(Side.Buy, 100));
    }

    [Fact]
    public void LevelsFarFromTheFirstQueueAsNearOnesAndAClearedBookStartsAnywhere()
    {
        // Levels are kept by price in a window of 4,096 ticks around the first one, the rest in a map:
        // both must queue alike, and a level may empty and come back on either side of the edge.
        var book = new OrderQueueBook();
        long near = book.Add(1, Side.Buy, 100_000, 5).Key;
        long far = book.Add(2, Side.Buy, 90_000, 3).Key;
        long farBehind = book.Add(3, Side.Buy, 90_000, 4).Key;
        long nearBehind = book.Add(4, Side.Buy, 100_000, 2).Key;
        book.Add(5, Side.Sell, 110_000, 6);

        Assert.Equal(new BookLevel(100_000, 7), book.Best(Side.Buy));
        Assert.Equal(3, book.VolumeAhead(Side.Buy, 90_000, farBehind));
        Assert.Equal(5, book.VolumeAhead(Side.Buy, 100_000, nearBehind));
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 90_000, far));
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 100_000, near));

        // The far level empties and comes back: the newcomer is alone in its queue.
        book.Remove(2, Side.Buy, 90_000, 3, whole: true);
        book.Remove(3, Side.Buy, 90_000, 4, whole: true);
        Assert.Equal(0, book.SizeAt(Side.Buy, 90_000));
        long again = book.Add(6, Side.Buy, 90_000, 1).Key;
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 90_000, again));
        Assert.Equal(1, book.VolumeAhead(Side.Buy, 90_000, book.NextKey()));

        // An unknown order at the far ask takes the level's volume (anonymous front first, then the oldest).
        book.SetLevel(Side.Sell, 110_000, 10);
        Assert.Equal(new QueueChange(Order(book, 5).Key, 7, Known: false), book.Remove(99, Side.Sell, 110_000, 7, whole: false));
        Assert.Equal(3, book.SizeAt(Side.Sell, 110_000));

        // After a clear the book may start a long way off.
        book.ClearAll();
        long fresh = book.Add(7, Side.Buy, 5_000_000, 2).Key;
        long freshBehind = book.Add(8, Side.Buy, 5_000_000, 3).Key;
        Assert.Equal(2, book.VolumeAhead(Side.Buy, 5_000_000, freshBehind));
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 5_000_000, fresh));
        Assert.Equal(new BookLevel(5_000_000, 5), book.Best(Side.Buy));
        Assert.Equal(0, book.SizeAt(Side.Buy, 100_000));
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 100_000, book.NextKey()));
    }

    [Fact]
    public void AModifyKeepsItsPlaceOnlyWhenItShrinksAtTheSamePrice()
    {
        var book = new OrderQueueBook();
        long first = book.Add(1, Side.Sell, 200, 5).Key;
        long second = book.Add(2, Side.Sell, 200, 4).Key;

        Assert.Equal(new QueueChange(first, 3, Known: true), book.Modify(1, Side.Sell, 200, 2));
        Assert.Equal(2, book.VolumeAhead(Side.Sell, 200, second));
        Assert.Equal(6, book.SizeAt(Side.Sell, 200));

        // Larger: to the back, behind order 2.
        book.Modify(1, Side.Sell, 200, 6);
        Assert.Equal(0, book.VolumeAhead(Side.Sell, 200, second));
        Assert.True(Order(book, 1).Key > second);
        Assert.Equal(4 + 6, book.SizeAt(Side.Sell, 200));

        // A new price: the old level loses it all.
        book.Modify(2, Side.Sell, 201, 4);
        Assert.Equal(6, book.SizeAt(Side.Sell, 200));
        Assert.Equal(4, book.SizeAt(Side.Sell, 201));

        // To zero: gone.
        Assert.Equal(new QueueChange(Order(book, 2).Key, 4, Known: true), book.Modify(2, Side.Sell, 201, 0));
        Assert.False(book.Contains(2));
        Assert.Equal(1, book.LevelCount(Side.Sell));
    }

    [Fact]
    public void VolumeTheSourceNeverShowedRestsInFrontAndUnknownOrdersTakeItFirst()
    {
        var book = new OrderQueueBook();
        long known = book.Add(1, Side.Sell, 200, 5).Key;

        // The source's book says 8 at 200: 3 lots of orders we never saw rest ahead of ours.
        QueueChange front = book.SetLevel(Side.Sell, 200, 8);
        Assert.Equal(3, front.Lots);
        Assert.False(front.Known);
        Assert.True(front.Key < known);
        Assert.Equal(3, book.VolumeAhead(Side.Sell, 200, known));

        // An unknown order executes 2: from the anonymous volume.
        book.Remove(99, Side.Sell, 200, 2, whole: false);
        Assert.Equal(1, book.VolumeAhead(Side.Sell, 200, known));
        Assert.Equal(6, book.SizeAt(Side.Sell, 200));

        // 4 more: the last anonymous lot, then 3 of the oldest known order.
        Assert.Equal(new QueueChange(known, 4, Known: false), book.Remove(98, Side.Sell, 200, 4, whole: false));
        Assert.Equal(2, Order(book, 1).Size);
        Assert.Equal(2, book.SizeAt(Side.Sell, 200));

        // 5 more: only 2 were there.
        book.Remove(97, Side.Sell, 200, 5, whole: false);
        Assert.Equal(3, book.UnknownOrders);
        Assert.Equal(3, book.MissingLots);
        Assert.False(book.Contains(1));
        Assert.Equal(0, book.LevelCount(Side.Sell));
    }

    [Fact]
    public void ASmallerSourceLevelTakesAnonymousVolumeThenTheNewestOrders()
    {
        var book = new OrderQueueBook();
        book.Add(1, Side.Buy, 100, 5);
        book.Add(2, Side.Buy, 100, 4);
        book.SetLevel(Side.Buy, 100, 12);

        // 12 → 6: the 3 anonymous lots, then 3 of order 2 (the back of the queue).
        Assert.Equal(new QueueChange(long.MaxValue, 6, Known: false), book.SetLevel(Side.Buy, 100, 6));
        Assert.Equal(5, Order(book, 1).Size);
        Assert.Equal(1, Order(book, 2).Size);
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 100, Order(book, 1).Key));
        Assert.Equal(6, book.SizeAt(Side.Buy, 100));
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public void ADeleteOfAnOrderHoldingMoreThanTheSourceSaysKeepsTheExcessOnlyWhenTheSourceIsTheTruth(bool sourceSizes, long left)
    {
        var book = new OrderQueueBook { SourceSizes = sourceSizes };
        book.Add(1, Side.Buy, 100, 5);
        book.Add(2, Side.Buy, 100, 1);

        book.Remove(1, Side.Buy, 100, 3, whole: true);

        Assert.False(book.Contains(1));
        Assert.Equal(left + 1, book.SizeAt(Side.Buy, 100));
        Assert.Equal(left, book.VolumeAhead(Side.Buy, 100, Order(book, 2).Key));
    }

    [Fact]
    public void ApplyTakesOnlySnapshotLevelsAndAClearEmptiesEverything()
    {
        var book = new OrderQueueBook();
        book.Apply(new MarketEvent(0, 0, MarketEventKind.OrderAdd, Side.Buy, 100, 5, 1, EventMarkers.None));
        book.Apply(new MarketEvent(0, 0, MarketEventKind.BookLevel, Side.Buy, 100, 9, 0, EventMarkers.None));
        Assert.Equal(5, book.SizeAt(Side.Buy, 100));

        book.Apply(new MarketEvent(0, 0, MarketEventKind.BookLevel, Side.Buy, 100, 9, 0, EventMarkers.Snapshot));
        Assert.Equal(9, book.SizeAt(Side.Buy, 100));

        book.Apply(new MarketEvent(0, 0, MarketEventKind.OrderDelete, Side.Buy, 100, 5, 1, EventMarkers.None));
        Assert.Equal(4, book.SizeAt(Side.Buy, 100));

        book.Apply(new MarketEvent(0, 0, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.None));
        Assert.Equal(0, book.LevelCount(Side.Buy));
        Assert.Equal(0, book.OrderCount);

        // The pools are reused after a clear: the queue is rebuilt from nothing.
        long key = book.Add(7, Side.Buy, 100, 2).Key;
        Assert.Equal(0, book.VolumeAhead(Side.Buy, 100, key));
        Assert.Equal(2, book.SizeAt(Side.Buy, 100));
    }

    [Fact]
    public void AnIdAddedAgainReplacesItsOrderAtTheBackOfItsNewLevel()
    {
        var book = new OrderQueueBook();
        book.Add(1, Side.Buy, 100, 5);
        book.Add(2, Side.Buy, 100, 3);
        long again = book.Add(1, Side.Buy, 101, 4).Key;

        // The old order left level 100 (5 lots) and the id now names the new one, alone at 101.
        Assert.Equal(2, book.OrderCount);
        Assert.Equal(3, book.SizeAt(Side.Buy, 100));
        Assert.Equal(new QueuedOrder(1, Side.Buy, 101, 4, again), Order(book, 1));
        Assert.Equal(new QueueChange(again, 4, Known: true), book.Remove(1, Side.Buy, 101, 4, whole: true));
        Assert.False(book.Contains(1));
        Assert.Equal(1, book.LevelCount(Side.Buy)); // 101 emptied, 100 keeps order 2
    }

    private static QueuedOrder Order(OrderQueueBook book, long id)
    {
        Assert.True(book.TryGetOrder(id, out QueuedOrder order));
        return order;
    }
}
