using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;

namespace MarketMaking.Core.Tests.Instruments;

public class InstrumentTests
{
    private static readonly Instrument Btc = new("BTCUSDT", tickSize: 0.1, lotSize: 0.001, makerFeeRate: -0.0001, takerFeeRate: 0.0005);

    [Theory]
    [InlineData(100.07, 100.0)]
    [InlineData(100.1, 100.1)] // on the grid already: 100.1/0.1 = 1000.9999999999999 must not drop a tick
    [InlineData(0.3, 0.3)]
    public void SnapBidRoundsDownToTheGrid(double price, double expected) =>
        Assert.Equal(expected, Btc.SnapBid(price), 9);

    [Theory]
    [InlineData(100.01, 100.1)]
    [InlineData(100.1, 100.1)]
    public void SnapAskRoundsUpToTheGrid(double price, double expected) =>
        Assert.Equal(expected, Btc.SnapAsk(price), 9);

    [Fact]
    public void TicksAndLotsRoundTrip()
    {
        Assert.Equal(1_000_123L, Btc.ToTicks(100_012.3));
        Assert.Equal(100_012.3, Btc.ToPrice(1_000_123), 9);
        Assert.Equal(1_234L, Btc.ToLots(1.234));
        Assert.Equal(1.234, Btc.ToQuantity(1_234), 12);
        Assert.Equal(0.012, Btc.SnapQuantity(0.0129), 12);
    }

    [Fact]
    public void NegativeMakerFeeIsARebate()
    {
        // maker: −0.0001 · 50,000 · 2 = −10 (received); taker: 0.0005 · 50,000 · 2 = 50.
        Assert.Equal(-10, Btc.Fee(50_000, 2, isMaker: true), 9);
        Assert.Equal(50, Btc.Fee(50_000, 2, isMaker: false), 9);
    }

    [Fact]
    public void ContinuousInstrumentKeepsPricesAndHasNoTicks()
    {
        Instrument model = Instrument.Continuous();
        Assert.Equal(99.123456789, model.SnapBid(99.123456789));
        Assert.Equal(99.123456789, model.SnapAsk(99.123456789));
        Assert.Throws<InvalidOperationException>(() => model.ToTicks(1));
    }

    [Fact]
    public void BadGridNamesTheField()
    {
        InvalidParameterException error = Assert.Throws<InvalidParameterException>(() => new Instrument("X", tickSize: -1, lotSize: 1));
        Assert.Equal("tick_size", error.Parameter);
        error = Assert.Throws<InvalidParameterException>(() => new Instrument("X", tickSize: 0.1, lotSize: double.NaN));
        Assert.Equal("lot_size", error.Parameter);
    }
}
