using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Features;

namespace MarketMaking.Signals.Tests.Features;

public class MarketFeaturesTests
{
    private static double Feature(MarketFeatures features, string name) => features.Values[MarketFeatures.IndexOf(name)];

    [Fact]
    public void FollowsABookAndItsTradesByHand()
    {
        var features = new MarketFeatures(new MarketFeatureSettings { LargeTradeSize = 10 });
        Assert.True(double.IsNaN(Feature(features, "imbalance")));

        // Bid 100×30, ask 102×10: imbalance (30−10)/40 = ½; weighted mid (100·10 + 102·30)/40 = 101.5, mid 101.
        var book = Books.Of([(100, 30)], [(102, 10)]);
        features.OnBook(0, book);
        Assert.Equal(0.5, Feature(features, "imbalance"));
        Assert.Equal(2, Feature(features, "spread"));
        Assert.Equal(0.5, Feature(features, "microprice_offset"));
        Assert.Equal(0, Feature(features, "ofi"));
        Assert.Equal(double.PositiveInfinity, Feature(features, "large_trade_age"));

        // The bid grows by 10 lots at an unchanged price: e = 40 − 30 = +10 (buying pressure).
        Books.Touch(book, 100, 40, 102, 10);
        features.OnBook(1 * Books.Second, book);
        Assert.Equal(10, Feature(features, "ofi"));
        Assert.Equal(0.6, Feature(features, "imbalance"), 12);

        // A 12-lot buy is large: its side is +1 and its age counts from it; 1 trade in a 10 s window.
        features.OnTrade(new MarketEvent(2 * Books.Second, 2 * Books.Second, MarketEventKind.Trade, Side.Buy, 102, 12, 1, EventMarkers.None));
        Assert.Equal(12, Feature(features, "volume"));
        Assert.Equal(0.1, Feature(features, "trade_rate"), 12);
        Assert.Equal(1, Feature(features, "large_trade_side"));
        Assert.Equal(1, Feature(features, "trade_imbalance"));

        // A 4-lot sell: (12 − 4)/16 of the volume was bought. The mid steps up a tick: +1 over the window.
        features.OnTrade(new MarketEvent(3 * Books.Second, 3 * Books.Second, MarketEventKind.Trade, Side.Sell, 100, 4, 2, EventMarkers.None));
        Assert.Equal(0.5, Feature(features, "trade_imbalance"), 12);
        Books.Touch(book, 101, 40, 103, 10);
        features.OnBook(4 * Books.Second, book);
        Assert.Equal(1, Feature(features, "mid_change"));
        features.Advance(5 * Books.Second);
        Assert.Equal(3, Feature(features, "large_trade_age"));

        // Past the 10 s window the trade no longer counts; a large trade stays remembered.
        features.Advance(20 * Books.Second);
        Assert.Equal(0, Feature(features, "volume"));
        Assert.Equal(0, Feature(features, "trade_rate"));
        Assert.Equal(0, Feature(features, "trade_imbalance"));
        Assert.Equal(0, Feature(features, "mid_change"));
        Assert.Equal(18, Feature(features, "large_trade_age"));
    }

    [Fact]
    public void SmallTradesAreNotLarge()
    {
        var features = new MarketFeatures(new MarketFeatureSettings { LargeTradeSize = 10 });
        features.OnTrade(new MarketEvent(0, 0, MarketEventKind.Trade, Side.Sell, 100, 9, 1, EventMarkers.None));
        Assert.Equal(double.PositiveInfinity, Feature(features, "large_trade_age"));
        Assert.Equal(9, Feature(features, "volume"));
    }

    [Fact]
    public void UnknownNamesAndBadSettingsAreRefusedByName()
    {
        var unknown = Assert.Throws<InvalidParameterException>(() => MarketFeatures.IndexOf("vpinn"));
        Assert.Contains("vpinn", unknown.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<InvalidParameterException>(() => new MarketFeatures(new MarketFeatureSettings { OfiWindow = -1 }));
        Assert.Contains("ofi_window", bad.Message, StringComparison.Ordinal);
    }
}
