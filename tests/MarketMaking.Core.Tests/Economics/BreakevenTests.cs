using MarketMaking.Core.Economics;
using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Tests.Economics;

public class BreakevenTests
{
    // Maker 1 bp, taker 5 bp, slippage 0.5 bp a leg, target 2 bp a round trip.
    private static readonly Breakeven Costs = new(MakerFeeBps: 1, TakerFeeBps: 5, SlippageBps: 0.5, TargetBps: 2);

    [Fact]
    public void MinimumSpreadsByHand()
    {
        Assert.Equal(5, Costs.MinimumSpreadBps, 12);                  // 2 + 2·(1 + 0.5)
        Assert.Equal(18, Costs.MinimumSpreadWithTakerExitBps, 12);    // 2·(2 + 1 + 5 + 2·0.5)
        Assert.Equal(2, Costs.NetPerRoundTripBps(5), 12);             // exactly the target
    }

    [Fact]
    public void ARebateLowersTheBreakeven() =>
        Assert.Equal(2, (Costs with { MakerFeeBps = -0.5 }).MinimumSpreadBps, 12);   // 2 + 2·(−0.5 + 0.5)

    [Fact]
    public void DailyPnlByHand() =>
        // 1,000 fills = 500 round trips of 10,000 notional at 10 − 3 = 7 bp: 500·10,000·7/10,000 = 3,500.
        Assert.Equal(3500, Costs.DailyPnl(spreadBps: 10, tradesPerDay: 1000, tradeNotional: 10_000), 9);

    [Fact]
    public void NegativeSlippageIsRefusedByName() =>
        Assert.Equal("slippage-bps", Assert.Throws<InvalidParameterException>(() => (Costs with { SlippageBps = -1 }).Validate()).Parameter);
}
