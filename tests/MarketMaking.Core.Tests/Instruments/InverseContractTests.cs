using MarketMaking.Core.Instruments;

namespace MarketMaking.Core.Tests.Instruments;

public class InverseContractTests
{
    [Fact]
    public void HundredTenDollarContractsAreWorthFaceOverPriceInCoin()
    {
        var eth = new InverseContract("ETHUSD_PERP", 10);

        Assert.Equal(0.4, eth.CoinValue(100, 2500), 12);                          // 1000 USD / 2500
        Assert.Equal(0.015384615384615, eth.CoinPnl(100, 2500, 2600), 12);       // 1000·100/(2500·2600)
        Assert.Equal(-eth.CoinPnl(100, 2500, 2600), eth.CoinPnl(-100, 2500, 2600), 15);
    }
}
