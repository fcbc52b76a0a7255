using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Supervised;

/// <summary>How <see cref="LogisticRegression.Fit"/> fits.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>
    /// λ in Σ log-loss + λ/2·‖w‖² over standardized features; the intercept is not penalized. It is
    /// against the summed (not mean) loss, so its pull fades as rows grow. Any λ &gt; 0 keeps the fit
    /// finite on separable data; 0 is plain maximum likelihood.
    /// </summary>
    public double L2 { get; init; } = 1;

    /// <summary>Newton stops once no coefficient would move by more than this times (1 + |coefficient|).</summary>
    public double Tolerance { get; init; } = 1e-9;

    public int MaxIterations { get; init; } = 100;

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("l2", L2);
        InvalidParameterException.RequirePositive("tolerance", Tolerance);
        if (MaxIterations < 1)
        {
            throw new InvalidParameterException("max_iterations", $"must be at least 1, got {MaxIterations}");
        }
    }
}
