using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Tests.Supervised;

public class ClassifierEvaluationTests
{
    [Fact]
    public void AucCountsTiedPairsAsHalf()
    {
        // Positives at 0.4, 0.8, 0.9; negatives at 0.1, 0.4, 0.8. Pairs won by the positive:
        // 0.4: beats 0.1, ties 0.4 (½), loses to 0.8 → 1.5; 0.8: beats 0.1 and 0.4, ties 0.8 → 2.5; 0.9: beats all → 3.
        // AUC = (1.5 + 2.5 + 3)/(3·3) = 7/9.
        double[] p = [0.8, 0.1, 0.4, 0.9, 0.4, 0.8];
        bool[] y = [true, false, false, true, true, false];

        var evaluation = ClassifierEvaluation.Evaluate(p, y);

        Assert.Equal(7.0 / 9, evaluation.Auc, 1e-15);
        Assert.Equal(0.5, evaluation.BaseRate);
    }

    [Fact]
    public void AucIsOneForAPerfectRankingAndUndefinedWithOneClass()
    {
        Assert.Equal(1, ClassifierEvaluation.Evaluate([0.2, 0.3, 0.6], [false, true, true]).Auc);
        Assert.Equal(0, ClassifierEvaluation.Evaluate([0.7, 0.3], [false, true]).Auc);
        Assert.True(double.IsNaN(ClassifierEvaluation.Evaluate([0.2, 0.3], [true, true]).Auc));
    }

    [Fact]
    public void LogLossBrierAndAccuracyByHand()
    {
        // Log-loss = −(ln 0.8 + ln 0.7)/2 = (0.2231436 + 0.3566749)/2 = 0.2899092.
        // Brier = ((0.8 − 1)² + (0.3 − 0)²)/2 = (0.04 + 0.09)/2 = 0.065. Both right at 0.5 → accuracy 1.
        var evaluation = ClassifierEvaluation.Evaluate([0.8, 0.3], [true, false]);

        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, evaluation.LogLoss, 1e-15);
        Assert.Equal(0.2899092476264711, evaluation.LogLoss, 1e-12);
        Assert.Equal(0.065, evaluation.Brier, 1e-15);
        Assert.Equal(1, evaluation.Accuracy);
    }

    [Fact]
    public void LogLossClipsCertainMissesAndHalfPredictsZero()
    {
        // p = 0 for a positive: −ln(1e-15) = 34.538776; p = 1 for a positive: −ln(1 − 1e-15) ≈ 1e-15.
        // p = 0.5 predicts 0: wrong for the positive; p = 0 and 1 are right/wrong → accuracy 1/3.
        var evaluation = ClassifierEvaluation.Evaluate([0, 1, 0.5], [true, true, true]);

        Assert.Equal((-Math.Log(1e-15) - Math.Log(1 - 1e-15) + Math.Log(2)) / 3, evaluation.LogLoss, 1e-12);
        Assert.Equal(34.538776394910684, -Math.Log(1e-15), 1e-9);
        Assert.Equal(1.0 / 3, evaluation.Accuracy, 1e-15);
        Assert.Equal((1 + 0 + 0.25) / 3, evaluation.Brier, 1e-15);
    }

    [Fact]
    public void CalibrationTableByHand()
    {
        // [0.0, 0.1): 0.05 (0)               → 1 row, predicted 0.05,  observed 0
        // [0.1, 0.2): 0.15 (1), 0.12 (0)     → 2 rows, predicted 0.135, observed ½
        // [0.5, 0.6): 0.55 (0)               → 1 row, predicted 0.55,  observed 0
        // [0.9, 1.0]: 0.95 (1), 1.0 (1)      → 2 rows, predicted 0.975, observed 1 (p = 1 joins the last bin)
        // The six other bins are empty and left out.
        double[] p = [0.05, 0.15, 0.12, 0.95, 1.0, 0.55];
        bool[] y = [false, true, false, true, true, false];

        var bins = ClassifierEvaluation.Evaluate(p, y).Calibration;

        Assert.Equal(4, bins.Count);
        AssertBin(bins[0], 0.0, 1, 0.05, 0);
        AssertBin(bins[1], 0.1, 2, 0.135, 0.5);
        AssertBin(bins[2], 0.5, 1, 0.55, 0);
        AssertBin(bins[3], 0.9, 2, 0.975, 1);
        Assert.Equal(1.0, bins[3].Upper);
    }

    [Fact]
    public void FormatsACompactTable()
    {
        string text = ClassifierEvaluation.Evaluate([0.05, 0.15, 0.95], [false, true, true]).ToString();

        Assert.Contains("AUC 1.0000", text, StringComparison.Ordinal);
        Assert.Contains("base rate 0.6667", text, StringComparison.Ordinal);
        Assert.Contains("[0.9, 1.0)       1     0.9500    1.0000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => ClassifierEvaluation.Evaluate([0.5], [true, false]));
        Assert.Throws<ArgumentException>(() => ClassifierEvaluation.Evaluate([1.5], [true]));
        Assert.Throws<ArgumentException>(() => ClassifierEvaluation.Evaluate([double.NaN], [true]));
        Assert.Throws<Core.Errors.InsufficientDataException>(() => ClassifierEvaluation.Evaluate([], []));
    }

    private static void AssertBin(CalibrationBin bin, double lower, int count, double predicted, double observed)
    {
        Assert.Equal(lower, bin.Lower, 1e-15);
        Assert.Equal(lower + 0.1, bin.Upper, 1e-15);
        Assert.Equal(count, bin.Count);
        Assert.Equal(predicted, bin.MeanPredicted, 1e-15);
        Assert.Equal(observed, bin.ObservedFrequency);
    }
}
