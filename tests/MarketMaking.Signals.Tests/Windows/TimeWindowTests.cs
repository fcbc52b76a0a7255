using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Tests.Windows;

public class TimeWindowTests
{
    [Fact]
    public void KeepsEntriesNewerThanTheWindow()
    {
        var window = new TimeWindow(TimeSpan.FromSeconds(2));
        window.Add(Books.At(0), 1);
        window.Add(Books.At(1), 2);
        window.Add(Books.At(2), 4); // window (0, 2]: the entry at 0 leaves

        Assert.Equal(2, window.Count);
        Assert.Equal(6, window.Sum);
        Assert.True(window.IsFull);
    }

    [Fact]
    public void ALateEntryDoesNotMoveTheWindowBack()
    {
        var window = new TimeWindow(TimeSpan.FromSeconds(2));
        window.Add(Books.At(5), 1);
        window.Add(Books.At(4), 2); // slightly out of order (merged feeds): kept, window still ends at 5

        Assert.Equal(Books.At(5), window.Latest);
        Assert.Equal(3, window.Sum);
    }

    [Fact]
    public void SumStaysAccurateOverALongStream()
    {
        var window = new TimeWindow(TimeSpan.FromSeconds(1));
        var random = new Random(3);
        var values = new double[200_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() * 1e6;
            window.Add(i * 10_000_000L, values[i]); // every 10 ms: 100 entries in the window
        }

        double expected = values.Skip(values.Length - 100).Sum();
        Assert.Equal(100, window.Count);
        Assert.Equal(expected, window.Sum, expected * 1e-12);
    }
}
