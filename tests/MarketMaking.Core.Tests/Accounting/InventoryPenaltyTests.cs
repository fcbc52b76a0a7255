using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Tests.Accounting;

public class InventoryPenaltyTests
{
    [Theory]
    [InlineData(3.0, 4.5)] // long: 0.5·3² = 4.5
    [InlineData(-3.0, 18.0)] // short: 2·(−3)² = 18
    [InlineData(0.0, 0.0)]
    public void UsesTheLambdaOfTheInventorySide(double inventory, double expected)
    {
        var penalty = new InventoryPenalty(LongLambda: 0.5, ShortLambda: 2);

        Assert.Equal(expected, penalty.Penalty(inventory), 1e-12);
    }

    [Fact]
    public void SymmetricPenaltyIsEvenInInventory()
    {
        var penalty = InventoryPenalty.Symmetric(0.1);

        // 0.1·2² = 0.4 either side.
        Assert.Equal(0.4, penalty.Penalty(2), 1e-12);
        Assert.Equal(0.4, penalty.Penalty(-2), 1e-12);
    }

    [Theory]
    [InlineData(-0.1, 1.0)]
    [InlineData(1.0, -0.1)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void RejectsNegativeOrNonFiniteLambda(double longLambda, double shortLambda)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new InventoryPenalty(longLambda, shortLambda));

        Assert.Equal("inventory_penalty", error.Parameter);
    }

    [Fact]
    public void RunningPenaltyWeighsLongAndShortTimeApart()
    {
        // 0.5 · ∫q²dt(long) + 2 · ∫q²dt(short) = 0.5·2 + 2·3 = 7.
        Assert.Equal(7, new InventoryPenalty(0.5, 2).Running(longSquaredTime: 2, shortSquaredTime: 3), 12);
    }
}
