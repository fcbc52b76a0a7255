using MarketMaking.Learning.Supervised;

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

        LogisticRegression model = LogisticRegression.Fit(train, new LogisticRegressionOptions { L2 = l2 });
        ClassifierEvaluation evaluation = ClassifierEvaluation.Evaluate(model.PredictProbabilities(test), test.Labels);
        return new DetectorTraining(new AdverseSelectionDetector(model), train.Count, evaluation);
    }
}
