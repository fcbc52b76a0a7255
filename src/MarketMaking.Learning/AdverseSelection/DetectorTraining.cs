using MarketMaking.Learning.Supervised;
using MarketMaking.Signals.Features;

namespace MarketMaking.Learning.AdverseSelection;

/// <summary>A detector fitted on the earlier fills and scored on the later ones.</summary>
public sealed record DetectorTraining(AdverseSelectionDetector Detector, int TrainRows, ClassifierEvaluation Test)
{
    /// <summary>Splits by time, fits an L2 logistic regression on the train part, evaluates on the test part.</summary>
    public static DetectorTraining Fit(LabeledDataset data, double trainFraction, double l2)
    {
        ArgumentNullException.ThrowIfNull(data);
        (LabeledDataset train, LabeledDataset test) = data.SplitByTime(trainFraction);
        if (train.Count == 0 || test.Count == 0 || train.Positives == 0 || train.Positives == train.Count)
        {
            throw new Core.Errors.InsufficientDataException(
                $"{data.Count} fills ({data.Positives} adverse) are too few to train and test a detector: collect more runs or use a longer horizon");
        }

        return Fit(train, test, l2);
    }

    /// <summary>Fits an L2 logistic regression on <paramref name="train"/> and evaluates it on <paramref name="test"/> (split as the caller chose).</summary>
    /// <param name="featureSettings">Windows of the features the rows were collected with (the defaults when null).</param>
    public static DetectorTraining Fit(LabeledDataset train, LabeledDataset test, double l2, MarketFeatureSettings? featureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Positives == 0 || train.Positives == train.Count || test.Count == 0)
        {
            throw new Core.Errors.InsufficientDataException(
                $"{train.Count} training fills ({train.Positives} adverse) and {test.Count} test fills are too few to train and test a detector");
        }

        LogisticRegression model = LogisticRegression.Fit(train, new LogisticRegressionOptions { L2 = l2 });
        ClassifierEvaluation evaluation = ClassifierEvaluation.Evaluate(model.PredictProbabilities(test), test.Labels);
        return new DetectorTraining(new AdverseSelectionDetector(model, featureSettings), train.Count, evaluation);
    }
}
