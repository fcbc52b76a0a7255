using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Strategies.Tests.Portfolio;

public class CrossVenueArbitrageTests
{
    [Fact]
    public void AnEdgeExistsOnlyWhenTheBidNetOfFeesBeatsTheAskWithFees()
    {
        // Bid 100.10 on B (taker 5 bps), ask 100.00 on A (taker 4 bps): 100.10·0.9995 / (100·1.0004) − 1 = 0.0000994602…
        Assert.Equal(0.00009946021591367, CrossVenueArbitrage.NetEdge(100.10, 0.0005, 100.00, 0.0004), 12);
        Assert.True(CrossVenueArbitrage.NetEdge(100.05, 0.0005, 100.00, 0.0004) < 0);   // 5 bps gross, 9 bps of fees
    }

    [Fact]
    public void MakerQuotesLeaveTheMinimumProfitAfterBothFees()
    {
        // Hedge venue 100 / 100.02, taker 5 bps; maker venue fee −1 bp (rebate); 2 bps required.
        double bid = CrossVenueArbitrage.MakerBid(100, 0.0005, -0.0001, 0.0002);
        double ask = CrossVenueArbitrage.MakerAsk(100.02, 0.0005, -0.0001, 0.0002);

        Assert.Equal(99.94, bid, 2);
        Assert.Equal(100.08, ask, 2);
    }
}
