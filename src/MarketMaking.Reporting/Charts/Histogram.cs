namespace MarketMaking.Reporting.Charts;

/// <summary>Equal-width binning for <see cref="BarSeries"/>.</summary>
public static class Histogram
{
    /// <summary>
    /// Splits [min, max] of the finite values into <paramref name="bins"/> equal bins. Each bin is
    /// half-open [lo, hi) except the last, which also includes max (right-edge inclusive), so every
    /// finite value is counted once. NaN and ±∞ are ignored. If all values are equal the range is
    /// value ± 0.5; with no finite values both arrays are empty.
    /// </summary>
    public static (double[] Centers, double[] Counts) Build(ReadOnlySpan<double> values, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);

        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (min > max)
        {
            return ([], []);
        }

        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        double width = (max - min) / bins;
        var centers = new double[bins];
        var counts = new double[bins];
        for (int i = 0; i < bins; i++)
        {
            centers[i] = min + ((i + 0.5) * width);
        }

        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                // Clamping sends max (and any rounding spill-over) to the last bin.
                int bin = Math.Min((int)((v - min) / width), bins - 1);
                counts[bin]++;
            }
        }

        return (centers, counts);
    }
}
