using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Signals.Tests.Volatility;

public class RangeVolatilityTests
{
    // Bar 1: O 100, H 110, L 95, C 105: ln(H/L) = 0.1466035, ln(C/O) = 0.0487902.
    // Bar 2: O 105, H 106, L 104, C 104: ln(H/L) = 0.0190482, ln(C/O) = −0.0095694.
    private static readonly Bar First = new(0, 100, 110, 95, 105, 10);
    private static readonly Bar Second = new(60, 105, 106, 104, 104, 10);

    [Fact]
    public void GarmanKlass()
    {
        var volatility = new GarmanKlassVolatility(bars: 2);

        // Bar 1: ½·0.1466035² − (2 ln 2 − 1)·0.0487902² = 0.0107463 − 0.0009196 = 0.0098267 → σ = 0.0991298.
        volatility.Update(First);
        Assert.Equal(0.09912983040222308, volatility.Value, 1e-12);
        Assert.False(volatility.IsReady);

        // Bar 2: ½·0.0190482² − 0.3862944·0.0095694² = 0.0001460; mean 0.0049864 → σ = 0.0706143.
        volatility.Update(Second);
        Assert.Equal(0.07061432386510474, volatility.Value, 1e-12);
        Assert.True(volatility.IsReady);
    }

    [Fact]
    public void Parkinson()
    {
        var volatility = new ParkinsonVolatility(bars: 2);

        // Bar 1: 0.1466035²/(4 ln 2) = 0.0214926/2.7725887 = 0.0077518 → σ = 0.0880444.
        volatility.Update(First);
        Assert.Equal(0.08804435902890378, volatility.Value, 1e-12);

        // Bar 2: 0.0190482²/2.7725887 = 0.0001309; mean 0.0039413 → σ = 0.0627801.
        volatility.Update(Second);
        Assert.Equal(0.0627800675498886, volatility.Value, 1e-12);
    }

    [Fact]
    public void KeepsOnlyTheLastBars()
    {
        var volatility = new ParkinsonVolatility(bars: 1);
        volatility.Update(First);
        volatility.Update(Second);

        Assert.Equal(Math.Log(106.0 / 104) / Math.Sqrt(4 * Math.Log(2)), volatility.Value, 1e-12);
    }

    [Fact]
    public void RejectsAnInconsistentBar()
    {
        var volatility = new GarmanKlassVolatility();

        Assert.Throws<ArgumentException>(() => volatility.Update(new Bar(0, 100, 99, 101, 100, 1)));
    }
}
