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

    [Fact]
    public void RejectsAnOrderAboveTheNotionalLimit()
    {
        var gate = new RiskGate(new RiskLimits { MaxOrderNotional = 250 });

        // 2 × 125 = 250 is at the limit; 3 × 100 = 300 is above it whatever the size limit says.
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 125, 2, 126, 0, 0));
        Assert.Equal(RejectReason.OrderNotional, gate.Check(Side.Buy, 100, 3, 101, 0, 0));
        Assert.Equal(1, gate.Rejections(RejectReason.OrderNotional));
    }

    [Fact]
    public void RejectsANewOrderWhenAsManyAreOpenAsAllowed()
    {
        var gate = new RiskGate(new RiskLimits { MaxOpenOrders = 4 });
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 99, 1, 100, 0, 0, openOrders: 3));
        Assert.Equal(RejectReason.OpenOrders, gate.Check(Side.Sell, 101, 1, 100, 0, 0, openOrders: 4));
    }

    [Fact]
    public void AllowsAtMostTheRateOfOrdersInAnySecond()
    {
        var gate = new RiskGate(new RiskLimits { MaxOrderRate = 3 });

        // Three orders at t = 0, 0.2, 0.5 fill the second; the fourth must wait until t = 1.0,
        // when the first leaves the window; refused orders do not count as sent.
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 0.0));
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 0.2));
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 0.5));
        Assert.Equal(RejectReason.OrderRate, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 0.9));
        Assert.Equal(RejectReason.OrderRate, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 0.99));
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 1.0));
        Assert.Equal(RejectReason.OrderRate, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 1.1)); // 0.2, 0.5, 1.0 in (0.1, 1.1]
        Assert.Equal(RejectReason.None, gate.Check(Side.Buy, 99, 1, 100, 0, 0, time: 1.2));
        Assert.Equal(3, gate.Rejections(RejectReason.OrderRate));
    }

    [Fact]
    public void AKillFromOutsideStopsQuotingAndKeepsTheFirstReason()
    {
        RiskGate gate = Gate();
        Assert.True(gate.Kill(5, "clock drift"));
        Assert.False(gate.Kill(6, "stale data"));
        Assert.False(gate.OnPnl(7, -1000));
        Assert.Equal(("clock drift", 5.0), (gate.KillReason, gate.KilledAt));
        Assert.Equal(RejectReason.KillSwitch, gate.Check(Side.Buy, 99.5, 1, 100, 0, 0));
    }

    [Theory]
    [InlineData(2.5, "max_open_orders")]
    [InlineData(0, "max_open_orders")]
    public void OrderCountsMustBeWhole(double value, string key)
    {
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => new RiskGate(new RiskLimits { MaxOpenOrders = value }));
        Assert.Equal(key, error.Parameter);
        Assert.Equal("max_order_rate", Assert.Throws<InvalidParameterException>(() => new RiskGate(new RiskLimits { MaxOrderRate = 0.5 })).Parameter);
    }
}
