namespace MarketMaking.Signals.Statistics;

/// <summary>The standard normal distribution, as far as the signals, calibration and learning intervals need it.</summary>
public static class NormalDistribution
{
    /// <summary>Two-sided 95% quantile, z(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>
    /// Complementary error function by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2,
    /// erfcc): relative error below 1.2e-7 everywhere, ample for volume classification, and it
    /// keeps the project free of a numerics package.
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        double tail = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? tail : 2 - tail;
    }
}
