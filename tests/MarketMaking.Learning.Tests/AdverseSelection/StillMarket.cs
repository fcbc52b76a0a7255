using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Learning.Tests.AdverseSelection;

/// <summary>A market the test moves by hand: time, mid and features are whatever the test sets.</summary>
internal sealed class StillMarket : IMarket
{
    public double[] Features { get; set; } = [];

    public Instrument Instrument { get; } = new("TEST", 0.01, 1);

    public double Time { get; set; }

    public double TimeLeft => double.PositiveInfinity;

    public double Mid { get; set; } = 100;

    public double BestBid => Mid - 0.005;

    public double BestAsk => Mid + 0.005;

    public double Volatility => double.NaN;

    public double Alpha => 0;

    public bool IsFinished => false;

    public ReadOnlySpan<double> FeatureValues => Features;

    public void Advance(List<Fill> fills) => throw new NotSupportedException();

    public long Submit(Side side, double price, double quantity) => throw new NotSupportedException();

    public void Cancel(long orderId) => throw new NotSupportedException();

    public void Reduce(long orderId, double newQuantity) => throw new NotSupportedException();
}
