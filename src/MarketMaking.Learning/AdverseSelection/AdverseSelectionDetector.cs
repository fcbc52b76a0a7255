using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Learning.Supervised;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.AdverseSelection;

/// <summary>
/// The probability that a fill now, on a given side, is adverse: a logistic regression over
/// market features seen from that side (<see cref="FeatureSelection"/>). Saved as the model's
/// JSON file; its feature names must be market features.
/// </summary>
public sealed class AdverseSelectionDetector
{
    private const int MaxFeatures = 32;

    public AdverseSelectionDetector(LogisticRegression model, MarketFeatureSettings? featureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FeatureCount > MaxFeatures)
        {
            throw new InvalidParameterException("features", $"at most {MaxFeatures} features, got {model.FeatureCount}");
        }

        Model = model;
        Selection = new FeatureSelection(model.FeatureNames);
        FeatureSettings = featureSettings ?? new MarketFeatureSettings();
    }

    public LogisticRegression Model { get; }

    public FeatureSelection Selection { get; }

    /// <summary>Windows of the features the model was trained on.</summary>
    public MarketFeatureSettings FeatureSettings { get; }

    /// <summary>P(adverse | a fill of <paramref name="side"/> now); NaN while a feature is still undefined.</summary>
    public double Probability(ReadOnlySpan<double> marketFeatures, Side side)
    {
        Span<double> row = stackalloc double[MaxFeatures];
        row = row[..Selection.Count];
        Selection.Extract(marketFeatures, side, row);
        return FeatureRows.AllFinite(row) ? Model.PredictProbability(row) : double.NaN;
    }

    public void Save(string path) => Model.Save(path);

    /// <summary>Loads a detector; a file whose features are not market features is refused by name.</summary>
    public static AdverseSelectionDetector Load(string path)
    {
        LogisticRegression model = LogisticRegression.Load(path);
        try
        {
            return new AdverseSelectionDetector(model);
        }
        catch (InvalidParameterException e)
        {
            throw new DataFormatException(path, 0, "features", e.Message);
        }
    }
}
