using MarketMaking.Core.Randomness;

namespace MarketMaking.Research.Hedging;

/// <summary>
/// A 95% percentile interval for a ratio of two statistics computed on the same time blocks (hedged
/// against unhedged): blocks are resampled with replacement, both statistics from the same draw,
/// so the pairing is kept. Blocks are taken as independent; too few blocks give no interval.
/// </summary>
public static class PairedBlockBootstrap
{
    /// <summary>Fewest blocks an interval is given for.</summary>
    public const int MinBlocks = 10;

    /// <summary>(lower, upper) of statistic(hedged)/statistic(unhedged); NaNs below <see cref="MinBlocks"/> blocks.</summary>
    public static (double Lower, double Upper) RatioInterval(
        IReadOnlyList<double> hedged, IReadOnlyList<double> unhedged, Func<double[], double> statistic, ulong seed, int resamples = 2000)
    {
        ArgumentNullException.ThrowIfNull(hedged);
        ArgumentNullException.ThrowIfNull(unhedged);
        ArgumentNullException.ThrowIfNull(statistic);
        int n = hedged.Count;
        if (n != unhedged.Count)
        {
            throw new ArgumentException("both legs need the same blocks", nameof(unhedged));
        }

        if (n < MinBlocks)
        {
            return (double.NaN, double.NaN);
        }

        var random = new ScalarRandom(seed);
        double[] a = new double[n], b = new double[n], ratios = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < n; i++)
            {
                int k = random.NextInt(n);
                a[i] = hedged[k];
                b[i] = unhedged[k];
            }

            ratios[r] = statistic(a) / statistic(b);
        }

        Array.Sort(ratios);
        return (ratios[(int)(0.025 * (resamples - 1))], ratios[(int)Math.Ceiling(0.975 * (resamples - 1))]);
    }
}
