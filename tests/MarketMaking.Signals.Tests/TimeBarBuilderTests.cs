using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Signals.Tests;

public class TimeBarBuilderTests
{
    [Fact]
    public void BuildsBarsAlignedOnTheInterval()
    {
        var builder = new TimeBarBuilder(TimeSpan.FromSeconds(10));

        Assert.False(builder.Update(Books.Trade(1, Side.Buy, 100, 2), out _));
        Assert.False(builder.Update(Books.Trade(3, Side.Buy, 102, 1), out _));
        Assert.False(builder.Update(Books.Trade(5, Side.Sell, 99, 4), out _));

        // A book event past 10 s closes the bar [0, 10 s): O 100, H 102, L 99, C 99, V 2 + 1 + 4.
        Assert.True(builder.Update(Books.Level(12, Side.Buy, 98, 1), out Bar first));
        Assert.Equal(new Bar(0, 100, 102, 99, 99, 7), first);

        Assert.False(builder.Update(Books.Trade(13, Side.Buy, 101, 1), out _));
        Assert.True(builder.Flush(out Bar second));
        Assert.Equal(new Bar(Books.At(10), 101, 101, 101, 101, 1), second);
        Assert.False(builder.Flush(out _));
    }
}
