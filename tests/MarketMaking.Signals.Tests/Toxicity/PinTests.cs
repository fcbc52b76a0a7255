using MarketMaking.Core.Errors;
using MarketMaking.Signals.Toxicity;

namespace MarketMaking.Signals.Tests.Toxicity;

public class PinTests
{
    [Fact]
    public void SymmetricUninformedFlow()
    {
        // αμ/(αμ + 2ε) = 0.3·50/(15 + 40) = 15/55.
        Assert.Equal(15.0 / 55, Pin.Compute(0.3, 50, 20), 1e-15);
    }

    [Fact]
    public void AsymmetricUninformedFlow()
    {
        // 0.5·40/(20 + 10 + 30) = 1/3.
        Assert.Equal(1.0 / 3, Pin.Compute(0.5, 40, 10, 30), 1e-15);
    }

    [Fact]
    public void RejectsAProbabilityAboveOne()
    {
        var error = Assert.Throws<InvalidParameterException>(() => Pin.Compute(1.5, 40, 10));

        Assert.Equal("alpha", error.Parameter);
    }
}
