namespace MarketMaking.Reporting.Charts;

/// <summary>Axis tick values on a 1-2-5 × 10^k grid.</summary>
internal static class NiceTicks
{
    public const int DefaultTarget = 6;

    private static readonly int[] Mantissas = [1, 2, 5];

    /// <summary>
    /// The multiples of a step m·10^k (m ∈ {1, 2, 5}) that lie inside [min, max]. The step chosen is
    /// the one whose tick count is closest to <paramref name="target"/>; a tie goes to the smaller step
    /// (more ticks: 3 labels on an axis reads as sparse). E.g. [0, 1] → 0, 0.2, …, 1 and
    /// [−3.7, 12.2] → −2, 0, 2, …, 12.
    /// </summary>
    public static double[] Compute(double min, double max, int target = DefaultTarget)
    {
        double span = max - min;
        if (!(span > 0) || !double.IsFinite(span))
        {
            return [];
        }

        int magnitude = (int)Math.Floor(Math.Log10(span));
        int bestMantissa = 1;
        int bestExponent = magnitude;
        long bestCount = long.MaxValue;
        // Candidates ascend, so keeping only strict improvements settles ties on the smaller step.
        for (int exponent = magnitude - 2; exponent <= magnitude + 1; exponent++)
        {
            foreach (int mantissa in Mantissas)
            {
                (long first, long last) = Range(min, max, mantissa, exponent);
                long count = last - first + 1;
                if (Math.Abs(count - target) < Math.Abs(bestCount - target))
                {
                    bestMantissa = mantissa;
                    bestExponent = exponent;
                    bestCount = count;
                }
            }
        }

        (long from, long to) = Range(min, max, bestMantissa, bestExponent);
        var ticks = new double[Math.Max(0, to - from + 1)];
        for (long k = from; k <= to; k++)
        {
            ticks[k - from] = Value(k * bestMantissa, bestExponent);
        }

        return ticks;
    }

    private static (long First, long Last) Range(double min, double max, int mantissa, int exponent)
    {
        double step = Value(mantissa, exponent);
        // The tolerance keeps ends such as 1.0 / 0.2 = 4.999… from dropping a tick that is on the edge.
        return ((long)Math.Ceiling((min / step) - 1e-9), (long)Math.Floor((max / step) + 1e-9));
    }

    // Dividing by an exact power of ten gives the double nearest the decimal (6 / 10 is exactly 0.6),
    // where multiplying by 0.1 would leave artefacts such as 0.6000000000000001.
    private static double Value(long multiple, int exponent) =>
        exponent >= 0 ? multiple * Math.Pow(10, exponent) : multiple / Math.Pow(10, -exponent);
}
