using System.Globalization;
using System.Text;
using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// How well probabilities p predict binary labels y: ranking (ROC AUC), probability quality
/// (log-loss, Brier) and calibration. For an adverse-selection model, AUC says whether toxic fills
/// are ranked first; calibration says whether p can be priced into the quote as it stands.
/// </summary>
public sealed class ClassifierEvaluation
{
    public const int CalibrationBins = 10;

    /// <summary>p is clipped to [ε, 1 − ε] for the log-loss, so one confident miss costs ≈ 34.5 nats, not ∞.</summary>
    public const double LogLossEpsilon = 1e-15;

    private ClassifierEvaluation(int count, int positives, double auc, double logLoss, double brier, double accuracy, CalibrationBin[] calibration)
    {
        Count = count;
        Positives = positives;
        Auc = auc;
        LogLoss = logLoss;
        Brier = brier;
        Accuracy = accuracy;
        Calibration = calibration;
    }

    public int Count { get; }

    public int Positives { get; }

    /// <summary>Share of labels that are 1: the Brier and log-loss of always predicting it are the baselines.</summary>
    public double BaseRate => (double)Positives / Count;

    /// <summary>
    /// P(p of a random positive &gt; p of a random negative), ties counting ½ (Mann–Whitney U / (n₊·n₋));
    /// NaN when only one label occurs.
    /// </summary>
    public double Auc { get; }

    /// <summary>Mean of −[y·ln p + (1 − y)·ln(1 − p)] with p clipped to [1e-15, 1 − 1e-15].</summary>
    public double LogLoss { get; }

    /// <summary>Mean of (p − y)².</summary>
    public double Brier { get; }

    /// <summary>Share of rows where (p &gt; 0.5) equals the label; p = 0.5 predicts 0.</summary>
    public double Accuracy { get; }

    /// <summary>Ten equal-width bins [k/10, (k + 1)/10) of p; empty bins omitted.</summary>
    public IReadOnlyList<CalibrationBin> Calibration { get; }

    public static ClassifierEvaluation Evaluate(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        if (probabilities.Length != labels.Length)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities but {labels.Length} labels", nameof(labels));
        }

        if (probabilities.Length == 0)
        {
            throw new InsufficientDataException("cannot evaluate a classifier on zero rows");
        }

        int n = probabilities.Length;
        int positives = 0;
        int correct = 0;
        double logLoss = 0;
        double brier = 0;
        int[] binCounts = new int[CalibrationBins];
        double[] binPredicted = new double[CalibrationBins];
        int[] binPositives = new int[CalibrationBins];
        for (int i = 0; i < n; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException($"probability {i} is {p.ToString(CultureInfo.InvariantCulture)}, outside [0, 1]", nameof(probabilities));
            }

            bool y = labels[i];
            double clipped = Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon);
            logLoss -= y ? Math.Log(clipped) : Math.Log(1 - clipped);
            double error = p - (y ? 1 : 0);
            brier += error * error;
            if ((p > 0.5) == y)
            {
                correct++;
            }

            int bin = Math.Min((int)(p * CalibrationBins), CalibrationBins - 1);
            binCounts[bin]++;
            binPredicted[bin] += p;
            if (y)
            {
                positives++;
                binPositives[bin]++;
            }
        }

        var calibration = new List<CalibrationBin>(CalibrationBins);
        for (int bin = 0; bin < CalibrationBins; bin++)
        {
            if (binCounts[bin] > 0)
            {
                calibration.Add(new CalibrationBin(
                    (double)bin / CalibrationBins,
                    (double)(bin + 1) / CalibrationBins,
                    binCounts[bin],
                    binPredicted[bin] / binCounts[bin],
                    (double)binPositives[bin] / binCounts[bin]));
            }
        }

        return new ClassifierEvaluation(n, positives, RocAuc(probabilities, labels, positives), logLoss / n, brier / n, (double)correct / n, [.. calibration]);
    }

    /// <summary>
    /// Rank-based: sort by p, give each run of equal p the mean of its ranks, then
    /// AUC = (Σ ranks of positives − n₊(n₊ + 1)/2) / (n₊·n₋), which counts tied pairs as ½.
    /// </summary>
    private static double RocAuc(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int positives)
    {
        int n = probabilities.Length;
        int negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        double[] sorted = probabilities.ToArray();
        bool[] sortedLabels = labels.ToArray();
        Array.Sort(sorted, sortedLabels);
        double positiveRanks = 0;
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && sorted[end] == sorted[start])
            {
                end++;
            }

            // Rows start..end−1 share ranks start+1..end, whose mean is (start + 1 + end)/2.
            double rank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++)
            {
                if (sortedLabels[i])
                {
                    positiveRanks += rank;
                }
            }

            start = end;
        }

        double u = positiveRanks - (positives * (positives + 1.0) / 2);
        return u / ((double)positives * negatives);
    }

    /// <summary>A compact text table: the scores, then the calibration bins.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"rows {Count}  positives {Positives}  base rate {BaseRate:F4}");
        text.AppendLine(culture, $"AUC {Auc:F4}  log-loss {LogLoss:F4}  Brier {Brier:F4}  accuracy@0.5 {Accuracy:F4}");
        text.AppendLine("bin         count  predicted  observed");
        foreach (CalibrationBin bin in Calibration)
        {
            text.AppendLine(culture, $"[{bin.Lower:F1}, {bin.Upper:F1}) {bin.Count,7}  {bin.MeanPredicted,9:F4}  {bin.ObservedFrequency,8:F4}");
        }

        return text.ToString();
    }
}
