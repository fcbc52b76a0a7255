using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;

namespace MarketMaking.Core.Tests.Risk;

public class RiskGateTests
{
    private static RiskGate Gate() => new(new RiskLimits { MaxPosition = 5, MaxOrderQuantity = 2, PriceBand = 0.01, MaxLoss = 100 });

    [Fact]
    public void AcceptsAnOrderInsideEveryLimit() =>
        Assert.Equal(RejectReason.None, Gate().Check(Side.Buy, 99.5, 1, mid: 100, position: 2, openSameSide: 1));

    [Fact]
    public void PositionLimitCountsOpenOrdersAsFilled()
    {
        RiskGate gate = Gate();

        // 3 long + 1 resting bid + 2 new = 6 > 5.
        Assert.Equal(RejectReason.PositionLimit, gate.Check(Side.Buy, 99.5, 2, mid: 100, position: 3, openSameSide: 1));

        // Selling from 6 long only reduces exposure: allowed even above the limit.
        Assert.Equal(RejectReason.None, gate.Check(Side.Sell, 100.5, 2, mid: 100, position: 6, openSameSide: 0));
        Assert.Equal(1, gate.Rejections(RejectReason.PositionLimit));
        Assert.Equal(1, gate.TotalRejections);
    }

    [Fact]
    public void RejectsOversizedOffBandAndInvalidOrders()
    {
        RiskGate gate = Gate();
        Assert.Equal(RejectReason.OrderTooLarge, gate.Check(Side.Sell, 100.5, 3, 100, 0, 0));

        // Band 1% of 100 = 1.0: 98.9 is 1.1 away.
        Assert.Equal(RejectReason.PriceBand, gate.Check(Side.Buy, 98.9, 1, 100, 0, 0));
        Assert.Equal(RejectReason.InvalidOrder, gate.Check(Side.Buy, double.NaN, 1, 100, 0, 0));
        Assert.Equal(RejectReason.InvalidOrder, gate.Check(Side.Buy, 99, 0, 100, 0, 0));
        Assert.Equal(4, gate.TotalRejections);
    }

    [Fact]
    public void KillSwitchTripsOnceAndThenRefusesEverything()
    {
        RiskGate gate = Gate();
        Assert.False(gate.OnPnl(1, -100)); // at the limit, not below it
        Assert.True(gate.OnPnl(2, -100.5));
        Assert.False(gate.OnPnl(3, -200)); // already tripped
        Assert.True(gate.IsKilled);
        Assert.Equal(2, gate.KilledAt);
        Assert.Contains("max loss", gate.KillReason, StringComparison.Ordinal);
        Assert.Equal(RejectReason.KillSwitch, gate.Check(Side.Buy, 99.5, 1, 100, 0, 0));
    }

    [Fact]
    public void ZeroLimitNamesItsKey()
    {
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => new RiskGate(new RiskLimits { MaxLoss = 0 }));
        Assert.Equal("max_loss", error.Parameter);
    }
}
