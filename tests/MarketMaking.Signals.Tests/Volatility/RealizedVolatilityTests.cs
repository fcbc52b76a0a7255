using MarketMaking.Signals.Volatility;

namespace MarketMaking.Signals.Tests.Volatility;

public class RealizedVolatilityTests
{
    [Fact]
    public void SquaredPriceChangesPerSecond()
    {
        var volatility = new RealizedVolatility(TimeSpan.FromSeconds(10));
        volatility.Update(Books.At(0), 100);
        volatility.Update(Books.At(1), 101);     // +1
        volatility.Update(Books.At(2), 100.5);   // −0.5
        volatility.Update(Books.At(3), double.NaN); // a side empty: skipped
        volatility.Update(Books.At(3), 100.5);   // unchanged
        volatility.Update(Books.At(4), 102.5);   // +2

        // (1 + 0.25 + 4)/10 s = 0.525 ticks²/s; σ = √0.525 = 0.72457 ticks/√s.
        Assert.Equal(0.525, volatility.Variance, 1e-12);
        Assert.Equal(0.724568837309472, volatility.Value, 1e-12);
        Assert.False(volatility.IsReady);

        // At 11.5 s the move at 1 s leaves: 4.25/10.
        volatility.Update(Books.At(11.5), 102.5);
        Assert.Equal(0.425, volatility.Variance, 1e-12);
        Assert.True(volatility.IsReady);
    }

    [Fact]
    public void LogReturnsWhenAsked()
    {
        var volatility = new RealizedVolatility(TimeSpan.FromSeconds(10), ReturnMeasure.LogReturn);
        volatility.Update(Books.At(0), 100);
        volatility.Update(Books.At(1), 110);
        volatility.Update(Books.At(2), 99);

        // (ln 1.1)² + (ln 0.9)² = 0.0090840 + 0.0111008 = 0.0201849; /10 s → σ = 0.0449276 /√s.
        Assert.Equal(0.0449275735312022, volatility.Value, 1e-12);
    }
}
