using MarketMaking.Core.Errors;
using MarketMaking.Signals.Statistics;

namespace MarketMaking.Learning.Supervised;

/// <summary>
/// A 95% interval for a ROC AUC by Hanley and McNeil (1982): the AUC's variance from the numbers of
/// positives and negatives, with Q₁ = A/(2 − A) and Q₂ = 2A²/(1 + A) (the exponential-score
/// approximation), then A ± 1.96·SE clipped to [0, 1]. No resampling, so no seed.
/// </summary>
public sealed record AucInterval(double Auc, double StandardError, double Lower, double Upper)
{
    /// <summary>The interval of <paramref name="auc"/> measured on <paramref name="positives"/> positive and <paramref name="negatives"/> negative rows.</summary>
    /// <exception cref="InsufficientDataException">Either class is empty (the AUC is undefined).</exception>
    public static AucInterval HanleyMcNeil(double auc, int positives, int negatives)
    {
        if (positives < 1 || negatives < 1)
        {
            throw new InsufficientDataException($"an AUC needs both classes: {positives} positives, {negatives} negatives");
        }

        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double variance = ((auc * (1 - auc)) + ((positives - 1) * (q1 - (auc * auc))) + ((negatives - 1) * (q2 - (auc * auc)))) / ((double)positives * negatives);
        double error = Math.Sqrt(Math.Max(variance, 0));
        return new AucInterval(auc, error, Math.Max(0, auc - (NormalDistribution.Z95 * error)), Math.Min(1, auc + (NormalDistribution.Z95 * error)));
    }

    /// <summary>The interval of a classifier's AUC on its evaluation rows.</summary>
    public static AucInterval Of(ClassifierEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return HanleyMcNeil(evaluation.Auc, evaluation.Positives, evaluation.Count - evaluation.Positives);
    }
}
