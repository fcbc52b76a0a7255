using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Supervised;
using MarketMaking.Signals.Features;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.Tests.AdverseSelection;

public class AdverseSelectionGuardTests
{
    // P(adverse) = σ(−ofi seen from the side): selling pressure (ofi < 0) endangers the bid.
    private static readonly AdverseSelectionDetector Detector = new(
        new LogisticRegression(["ofi"], new Standardizer([0.0], [1.0]), intercept: 0, weights: [-1.0], l2: 1, iterations: 1, converged: true, trainingRows: 100));

    private static double[] Features(double ofi = 0, double largeTradeAge = double.PositiveInfinity, double largeTradeSide = double.NaN)
    {
        var row = new double[MarketFeatures.Names.Count];
        row[MarketFeatures.IndexOf("ofi")] = ofi;
        row[MarketFeatures.IndexOf("large_trade_age")] = largeTradeAge;
        row[MarketFeatures.IndexOf("large_trade_side")] = largeTradeSide;
        return row;
    }

    private static QuoteDecision Decide(IQuotingStrategy strategy, double[] features) =>
        strategy.Decide(new QuoteContext { Mid = 100, Features = features, BestBid = double.NaN, BestAsk = double.NaN });

    [Fact]
    public void WidensOnlyTheSideTheDetectorFears()
    {
        // OFI −2: the bid sees σ(2) = 0.881 > 0.6 and moves 0.02 down; the ask sees σ(−2) = 0.119.
        var guard = new AdverseSelectionGuard(new Touch(), Detector, new AdverseSelectionGuardSettings { Threshold = 0.6, Widening = 0.02 });
        QuoteDecision decision = Decide(guard, Features(ofi: -2));

        Assert.Equal(0.8807970779778823, guard.Probability(Features(ofi: -2), Side.Buy), 12);
        Assert.Equal(99.97, decision.Bids[0].Price, 12);
        Assert.Equal(100.01, decision.Asks[0].Price, 12);
        Assert.Equal(3, decision.Bids[0].Quantity);
        Assert.Equal("touch+guard", guard.Name);
    }

    [Fact]
    public void WithdrawsTheFearedSide()
    {
        var guard = new AdverseSelectionGuard(new Touch(), Detector, new AdverseSelectionGuardSettings { Threshold = 0.6, Action = GuardAction.Withdraw });
        QuoteDecision decision = Decide(guard, Features(ofi: 2));

        Assert.Equal(1, decision.BidCount);
        Assert.Equal(0, decision.AskCount);
    }

    [Fact]
    public void CoolsDownTheSideALargeTradeHit()
    {
        // A large buy 1 s ago lifted the asks: with a 2 s cool-down the ask stays out, the bid stays.
        var guard = new AdverseSelectionGuard(new Touch(), detector: null, new AdverseSelectionGuardSettings { Widening = 0.01, Cooldown = 2 });
        QuoteDecision during = Decide(guard, Features(largeTradeAge: 1, largeTradeSide: 1));
        QuoteDecision after = Decide(guard, Features(largeTradeAge: 3, largeTradeSide: 1));

        Assert.Equal((1, 0), (during.BidCount, during.AskCount));
        Assert.Equal((1, 1), (after.BidCount, after.AskCount));
    }

    [Fact]
    public void PassesThroughWithoutFeatures()
    {
        var guard = new AdverseSelectionGuard(new Touch(), Detector, new AdverseSelectionGuardSettings { Threshold = 0.51, Widening = 0.05 });
        QuoteDecision decision = Decide(guard, []);

        Assert.Equal(99.99, decision.Bids[0].Price, 12);
        Assert.Equal(100.01, decision.Asks[0].Price, 12);
    }

    [Theory]
    [InlineData(0.0, "guard_threshold")]
    [InlineData(1.0, "guard_threshold")]
    public void BadSettingsAreRefusedByName(double threshold, string key)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new AdverseSelectionGuardSettings { Threshold = threshold, Widening = 1 }.Validate());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidParameterException>(() => new AdverseSelectionGuardSettings { Widening = 0 }.Validate());
    }

    [Fact]
    public void DetectorFilesLoadLosslessly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"detector-{Guid.NewGuid():N}.json");
        try
        {
            Detector.Save(path);
            AdverseSelectionDetector loaded = AdverseSelectionDetector.Load(path);
            double[] features = Features(ofi: -0.37);
            Assert.Equal(Detector.Probability(features, Side.Buy), loaded.Probability(features, Side.Buy));
            Assert.Equal(Detector.Probability(features, Side.Sell), loaded.Probability(features, Side.Sell));

            // A model over a column that is not a market feature cannot guard a strategy.
            new LogisticRegression(["vpinn"], new Standardizer([0.0], [1.0]), 0, [1.0], 1, 1, true, 1).Save(path);
            var error = Assert.Throws<DataFormatException>(() => AdverseSelectionDetector.Load(path));
            Assert.Contains("vpinn", error.Message, StringComparison.Ordinal);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Joins the touch of a 100.00 mid, 3 lots a side.</summary>
    private sealed class Touch : IQuotingStrategy
    {
        public string Name => "touch";

        public QuoteDecision Decide(in QuoteContext context) => QuoteDecision.TwoSided(context.Mid - 0.01, context.Mid + 0.01, 3);
    }
}
