using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Book;
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
        Assert.Equal(0.5, Feature(features, "weighted_mid_offset"));
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
    public void TheBookAndFlowSignalsAreFeaturesByHand()
    {
        // A micro-price model with two imbalance buckets: G = −0.25 tick when I < 0, +0.25 when I ≥ 0.
        var features = new MarketFeatures(new MarketFeatureSettings { SpreadSamples = 3, MicropriceModel = new MicropriceModel(2, 1, [-0.25, 0.25]) });
        Assert.Equal(0, Feature(features, "cumulative_delta"));

        // Bids 100×30, 99×20; asks 102×10, 103×15: I = ½ so G = +0.25; depth 50 against 25: ln 2.
        var book = Books.Of([(100, 30), (99, 20)], [(102, 10), (103, 15)]);
        features.OnBook(0, book);
        Assert.Equal(0.25, Feature(features, "stoikov_microprice_offset"));
        Assert.Equal(0.5, Feature(features, "weighted_mid_offset"));
        Assert.Equal(Math.Log(2), Feature(features, "log_depth_ratio"), 15);
        Assert.Equal(0, Feature(features, "spread_zscore"));   // one spread: no spread of spreads yet

        // The best bid's queue grows by 10 lots at its price: +10 over the 10 s window = 1 lot/s.
        Books.Touch(book, 100, 40, 102, 10);
        features.OnBook(1 * Books.Second, book);
        Assert.Equal(1, Feature(features, "queue_pressure"), 12);

        // The ask steps to 103 (a new queue: no pressure from it); spreads 2, 2, 3: mean 7/3, sample sd
        // √(1/3), z = (3 − 7/3)/√(1/3) = 2/√3. Imbalance (40 − 15)/55 > 0: G stays +0.25 around mid 101.5.
        Books.Touch(book, 100, 40, 103, 15);
        features.OnBook(2 * Books.Second, book);
        Assert.Equal(2 / Math.Sqrt(3), Feature(features, "spread_zscore"), 12);
        Assert.Equal(1, Feature(features, "queue_pressure"), 12);
        Assert.Equal(0.25, Feature(features, "stoikov_microprice_offset"));

        // Trades: buy 12 at 102 and sell 4 at 100 in second 2, buy 1 at 101 in second 3, which closes
        // the first one-second bar: O 102, H 102, L 100, C 100.
        features.OnTrade(new MarketEvent(Books.At(2.0), Books.At(2.0), MarketEventKind.Trade, Side.Buy, 102, 12, 1, EventMarkers.None));
        features.OnTrade(new MarketEvent(Books.At(2.5), Books.At(2.5), MarketEventKind.Trade, Side.Sell, 100, 4, 2, EventMarkers.None));
        Assert.Equal(8, Feature(features, "cumulative_delta"));
        Assert.Equal(8, Feature(features, "average_trade_size"));
        Assert.True(double.IsNaN(Feature(features, "garman_klass_volatility")));
        features.OnTrade(new MarketEvent(Books.At(3.2), Books.At(3.2), MarketEventKind.Trade, Side.Buy, 101, 1, 3, EventMarkers.None));
        Assert.Equal(9, Feature(features, "cumulative_delta"));
        Assert.Equal(17.0 / 3, Feature(features, "average_trade_size"), 12);

        // Garman–Klass: ½·ln(102/100)² − (2 ln 2 − 1)·ln(100/102)² = 0.1137056·0.000392144 = 4.45890e-5 → 0.006677499;
        // Parkinson: ln(102/100)²/(4 ln 2) = 1.414361e-4 → 0.011892690 (per √second: one-second bars).
        Assert.Equal(0.006677498745, Feature(features, "garman_klass_volatility"), 1e-11);
        Assert.Equal(0.011892689699, Feature(features, "parkinson_volatility"), 1e-11);

        // Past the 10 s window no trade is left to average; the delta is cumulative.
        features.Advance(20 * Books.Second);
        Assert.True(double.IsNaN(Feature(features, "average_trade_size")));
        Assert.Equal(9, Feature(features, "cumulative_delta"));
    }

    [Fact]
    public void StoikovsMicropriceIsFittedFromTheMarketsOwnBookOncePerRefitInterval()
    {
        // The chain of MicropriceTests.FitsAHandComputedChain, one book a second, refits every 3 s:
        // touch states I = +½ (bid 3, ask 1) and −½, mirrored, give G* = ±¼ tick.
        var features = new MarketFeatures(new MarketFeatureSettings { MicropriceRefitInterval = 3 });
        var book = new OrderBook();
        (long Bid, long BidSize, long Ask, long AskSize)[] touches = [(100, 3, 101, 1), (100, 3, 101, 1), (101, 1, 102, 3), (101, 3, 102, 1)];
        for (int second = 0; second < touches.Length; second++)
        {
            (long bid, long bidSize, long ask, long askSize) = touches[second];
            Books.Touch(book, bid, bidSize, ask, askSize);
            features.OnBook(second * Books.Second, book);
            if (second < 3)
            {
                // At 0 s nothing had moved the mid, so no fit; the next is due at 3 s.
                Assert.True(double.IsNaN(Feature(features, "stoikov_microprice_offset")));
            }
        }

        // Fitted at 3 s on all four books: bid 101×3, ask 102×1 (I = ½) sits +¼ above the mid.
        Assert.Equal(0.25, Feature(features, "stoikov_microprice_offset"), 9);

        // With I = −½ the fitted model says −¼ (the size-weighted mid (101·3 + 102·1)/4 − 101.5 agrees).
        Books.Touch(book, 101, 1, 102, 3);
        features.OnBook(4 * Books.Second, book);
        Assert.Equal(-0.25, Feature(features, "stoikov_microprice_offset"), 9);
    }

    [Fact]
    public void ARenamedFeatureSaysItsNewName()
    {
        var renamed = Assert.Throws<InvalidParameterException>(() => MarketFeatures.IndexOf("microprice_offset"));

        Assert.Equal("invalid features: feature 'microprice_offset' is now called 'weighted_mid_offset' (it is the size-weighted mid; Stoikov's micro-price is 'stoikov_microprice_offset')", renamed.Message);
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
