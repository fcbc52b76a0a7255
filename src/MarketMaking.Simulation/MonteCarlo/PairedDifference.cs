using MarketMaking.Core.Metrics;
using MathNet.Numerics.Distributions;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// The mean of per-seed differences b_i − a_i between two strategies run on the same seeds, with
/// its standard error and a two-sided 95% Student-t interval (n − 1 degrees of freedom). Pairing
/// removes the market's own randomness, which both runs share.
/// </summary>
public sealed record PairedDifference(int Pairs, double Mean, double StandardError, double Lower, double Upper)
{
    public static PairedDifference Of(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        if (baseline.Count != candidate.Count)
        {
            throw new ArgumentException($"paired samples differ in length: {baseline.Count} and {candidate.Count}", nameof(candidate));
        }

        int n = baseline.Count;
        if (n < 2)
        {
            return new PairedDifference(n, n == 1 ? candidate[0] - baseline[0] : double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double[] differences = new double[n];
        for (int i = 0; i < n; i++)
        {
            differences[i] = candidate[i] - baseline[i];
        }

        double mean = PerformanceStatistics.Mean(differences);
        double standardError = PerformanceStatistics.StandardDeviation(differences) / Math.Sqrt(n);
        double t = StudentT.InvCDF(0, 1, n - 1, 0.975);
        return new PairedDifference(n, mean, standardError, mean - (t * standardError), mean + (t * standardError));
    }

    /// <summary>How a single pair is described where an interval would stand: one pair has none (its bounds are NaN).</summary>
    public const string NoInterval = "one run: no confidence interval";

    /// <summary>Whether there is an interval: at least two pairs.</summary>
    public bool HasInterval => Pairs >= 2;

    /// <summary>Whether the interval lies entirely above zero.</summary>
    public bool IsPositive => Lower > 0;

    /// <summary>Whether the interval lies entirely below zero.</summary>
    public bool IsNegative => Upper < 0;
}
