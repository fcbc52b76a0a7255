using MarketMaking.Signals.Statistics;

namespace MarketMaking.Signals.Calibration;

/// <summary>A fitted parameter with its standard error and 95% confidence interval [Lower, Upper].</summary>
public readonly record struct ParameterEstimate(double Value, double StandardError, double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Symmetric Wald interval: value ± z·se.</summary>
    public static ParameterEstimate Normal(double value, double standardError) =>
        new(value, standardError, value - (NormalDistribution.Z95 * standardError), value + (NormalDistribution.Z95 * standardError));

    /// <summary>
    /// For a positive parameter whose logarithm is asymptotically normal with standard error
    /// <paramref name="logStandardError"/>: interval exp(ln v ± z·se), never below zero; the
    /// reported standard error is the delta method's v·se.
    /// </summary>
    internal static ParameterEstimate LogNormal(double value, double logStandardError)
    {
        double factor = Math.Exp(NormalDistribution.Z95 * logStandardError);
        return new(value, value * logStandardError, value / factor, value * factor);
    }
}
