using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Supervised;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.Tests.AdverseSelection;

public class AdverseFillLabelerTests
{
    private static double[] MarketFeatureRow(double ofi, double spread)
    {
        var row = new double[MarketFeatures.Names.Count];
        row[MarketFeatures.IndexOf("ofi")] = ofi;
        row[MarketFeatures.IndexOf("spread")] = spread;
        return row;
    }

    [Fact]
    public void LabelsEachFillByItsMarkoutAtTheHorizonAndSignsFeaturesBySide()
    {
        var selection = new FeatureSelection(["ofi", "spread"]);
        var data = new LabeledDataset(selection.Names);
        var labeler = new AdverseFillLabeler(selection, data, horizon: 10, threshold: 0.02);
        var market = new StillMarket { Time = 0, Mid = 100, Features = MarketFeatureRow(ofi: -4, spread: 1) };

        // A buy at 99.99 and, a second later, a sell at 100.01, both with OFI −4 (selling pressure).
        labeler.OnFill(new Fill(0, 1, Side.Buy, 99.99, 1, 0, true, 100), market);
        market.Time = 1;
        labeler.OnFill(new Fill(1, 2, Side.Sell, 100.01, 1, 0, true, 100), market);

        // At t = 10 the mid is 99.95: the buy's markout is 99.95 − 99.99 = −0.04 < −0.02: adverse.
        market.Time = 10;
        market.Mid = 99.95;
        labeler.OnMark(market, 0);
        Assert.Equal(1, data.Count);
        Assert.True(data.Label(0));
        Assert.Equal(-4, data.Features(0)[0]);   // a buy keeps the sign
        Assert.Equal(0, data.Time(0));

        // At t = 11 the mid is 100.02: the sell's markout is 100.01 − 100.02 = −0.01, within the threshold.
        market.Time = 11;
        market.Mid = 100.02;
        labeler.OnMark(market, 0);
        Assert.Equal(2, data.Count);
        Assert.False(data.Label(1));
        Assert.Equal(4, data.Features(1)[0]);    // seen from the ask, selling pressure is in its favour
        Assert.Equal(1, data.Features(1)[1]);    // unsigned features are left alone
        Assert.Equal(0, labeler.Unlabelled);
    }

    [Fact]
    public void FillsTheRunEndsBeforeLabellingAreCounted()
    {
        var selection = new FeatureSelection(["spread"]);
        var data = new LabeledDataset(selection.Names);
        var labeler = new AdverseFillLabeler(selection, data, horizon: 10);
        var market = new StillMarket { Features = MarketFeatureRow(0, 1) };
        labeler.OnFill(new Fill(0, 1, Side.Buy, 99.99, 1, 0, true, 100), market);
        market.Time = 9.5;
        labeler.OnMark(market, 1);

        Assert.Equal(0, data.Count);
        Assert.Equal(1, labeler.Unlabelled);
    }

    [Fact]
    public void AMarketWithoutFeaturesIsAnError()
    {
        var selection = new FeatureSelection(["spread"]);
        var labeler = new AdverseFillLabeler(selection, new LabeledDataset(selection.Names), horizon: 1);
        Assert.Throws<InvalidOperationException>(() => labeler.OnFill(new Fill(0, 1, Side.Buy, 1, 1, 0, true, 1), new StillMarket()));
    }
}
