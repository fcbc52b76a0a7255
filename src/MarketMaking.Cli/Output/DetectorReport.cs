using System.Globalization;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Learning.Supervised;
using MarketMaking.Research.Reports;

namespace MarketMaking.Cli.Output;

/// <summary>How a trained detector scores on its test fills, as text and as JSON.</summary>
internal static class DetectorReport
{
    public static void Write(TextWriter writer, DetectorTraining training)
    {
        ClassifierEvaluation test = training.Test;
        LogisticRegression model = training.Detector.Model;
        var culture = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(culture, $"trained on {training.TrainRows} fills, tested on the {test.Count} later ones (base rate {test.BaseRate:F3})"));
        writer.WriteLine(string.Create(culture, $"test AUC {test.Auc:F3}   log-loss {test.LogLoss:F4}   Brier {test.Brier:F4}   accuracy@0.5 {test.Accuracy:F3}"));
        writer.WriteLine("calibration (test):  predicted   observed   fills");
        foreach (CalibrationBin bin in test.Calibration)
        {
            writer.WriteLine(string.Create(culture, $"  [{bin.Lower:F1}, {bin.Upper:F1})       {bin.MeanPredicted,7:F3}    {bin.ObservedFrequency,7:F3}  {bin.Count,6}"));
        }

        writer.WriteLine("weights per standard deviation (features seen from the filled side):");
        for (int j = 0; j < model.FeatureCount; j++)
        {
            writer.WriteLine(string.Create(culture, $"  {model.FeatureNames[j],-18} {Formats.WithSign(model.Weights[j], 3),8}"));
        }

        writer.WriteLine(string.Create(culture, $"  {"intercept",-18} {Formats.WithSign(model.Intercept, 3),8}"));
    }

    public static object ToJson(DetectorTraining training)
    {
        ClassifierEvaluation test = training.Test;
        LogisticRegression model = training.Detector.Model;
        return new
        {
            TrainRows = training.TrainRows,
            TestRows = test.Count,
            test.BaseRate,
            test.Auc,
            test.LogLoss,
            test.Brier,
            test.Accuracy,
            Calibration = test.Calibration,
            Features = model.FeatureNames,
            model.Weights,
            model.Intercept,
        };
    }
}
