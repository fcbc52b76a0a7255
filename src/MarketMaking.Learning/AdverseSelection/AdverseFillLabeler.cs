using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Learning.Supervised;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Learning.AdverseSelection;

/// <summary>
/// Watches a run and turns each of our fills into a row of an adverse-selection dataset: the
/// market's features at the fill (seen from the fill's side) and the label "adverse": the mid
/// <see cref="Horizon"/> later is on the losing side of the fill price by more than
/// <see cref="Threshold"/>, i.e. the fill's markout at the horizon is a loss. Fills too close to
/// the end of the run to be labelled are dropped and counted.
/// </summary>
public sealed class AdverseFillLabeler : IRunObserver
{
    private readonly FeatureSelection _selection;
    private readonly LabeledDataset _dataset;
    private readonly Queue<PendingFill> _pending = new();
    private readonly long _timeOffset;

    /// <param name="horizon">Seconds (the market's time unit) from the fill to the markout.</param>
    /// <param name="threshold">Loss (price units) beyond which a fill counts as adverse; 0: any loss.</param>
    /// <param name="timeOffset">Added to row times (ns) so runs on several seeds line up one after another.</param>
    public AdverseFillLabeler(FeatureSelection selection, LabeledDataset dataset, double horizon, double threshold = 0, long timeOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(dataset);
        InvalidParameterException.RequirePositive("horizon", horizon);
        InvalidParameterException.RequireNonNegative("threshold", threshold);
        _selection = selection;
        _dataset = dataset;
        Horizon = horizon;
        Threshold = threshold;
        _timeOffset = timeOffset;
    }

    public double Horizon { get; }

    public double Threshold { get; }

    /// <summary>Fills left unlabelled because the run ended within the horizon.</summary>
    public int Unlabelled => _pending.Count;

    public void OnFill(in Fill fill, IMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        ReadOnlySpan<double> features = market.FeatureValues;
        if (features.IsEmpty)
        {
            throw new InvalidOperationException("the market keeps no features: set its Features before the run");
        }

        var row = new double[_selection.Count];
        _selection.Extract(features, fill.Side, row);
        _pending.Enqueue(new PendingFill(fill.Time, fill.Side.Sign(), fill.Price, row));
    }

    public void OnMark(IMarket market, double position)
    {
        ArgumentNullException.ThrowIfNull(market);
        while (_pending.Count > 0 && market.Time >= _pending.Peek().Time + Horizon)
        {
            PendingFill fill = _pending.Dequeue();
            double markout = fill.Sign * (market.Mid - fill.Price);
            _dataset.Add(_timeOffset + (long)(fill.Time * 1e9), fill.Features, markout < -Threshold);
        }
    }

    private readonly record struct PendingFill(double Time, int Sign, double Price, double[] Features);
}
