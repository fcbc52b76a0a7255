namespace MarketMaking.Learning.Neural;

/// <summary>
/// The tanh-squashed diagonal Gaussian policy of SAC (Haarnoja et al. 2018, appendix C): u = μ + σ·ε
/// with σ = e^s and ε ~ N(0, 1), action a = tanh(u) in (−1, 1), and
/// log π(a) = Σᵢ [−ε²ᵢ/2 − sᵢ − ln(2π)/2 − ln(1 − tanh²uᵢ)], the last term the change of variables
/// through tanh, computed as 2(ln 2 − u − softplus(−2u)) so it stays finite when |u| is large and
/// tanh²u rounds to 1. Rows of D dimensions; every method works on one row and allocates nothing.
/// </summary>
public static class SquashedGaussian
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double LogTwo = Math.Log(2);

    /// <summary>ln(1 − tanh²u), stable for any u.</summary>
    public static double LogTanhDerivative(double u) => 2 * (LogTwo - u - Softplus(-2 * u));

    /// <summary>
    /// The reparameterized sample a = tanh(μ + e^s·ε) into <paramref name="action"/>; returns log π(a).
    /// </summary>
    public static double Sample(ReadOnlySpan<float> mean, ReadOnlySpan<float> logStd, ReadOnlySpan<float> noise, Span<float> action)
    {
        double logProbability = 0;
        for (int i = 0; i < mean.Length; i++)
        {
            double u = mean[i] + (Math.Exp(logStd[i]) * noise[i]);
            action[i] = (float)Math.Tanh(u);
            logProbability += (-0.5 * noise[i] * noise[i]) - logStd[i] - HalfLogTwoPi - LogTanhDerivative(u);
        }

        return logProbability;
    }

    /// <summary>
    /// Gradients of a loss L(a, log π(a)) with respect to μ and s through the sample above (ε held
    /// fixed), given ∂L/∂a per dimension and ∂L/∂log π:
    /// ∂a/∂μ = 1 − a², ∂a/∂s = (1 − a²)σε, ∂log π/∂μ = 2a, ∂log π/∂s = −1 + 2aσε.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> mean,
        ReadOnlySpan<float> logStd,
        ReadOnlySpan<float> noise,
        ReadOnlySpan<float> actionGradient,
        double logProbabilityGradient,
        Span<float> meanGradient,
        Span<float> logStdGradient)
    {
        for (int i = 0; i < mean.Length; i++)
        {
            double sigmaNoise = Math.Exp(logStd[i]) * noise[i];
            double a = Math.Tanh(mean[i] + sigmaNoise);
            double slope = 1 - (a * a);
            meanGradient[i] = (float)((actionGradient[i] * slope) + (logProbabilityGradient * 2 * a));
            logStdGradient[i] = (float)((actionGradient[i] * slope * sigmaNoise) + (logProbabilityGradient * ((2 * a * sigmaNoise) - 1)));
        }
    }

    /// <summary>The deterministic action tanh(μ): what a trained policy quotes.</summary>
    public static void Mode(ReadOnlySpan<float> mean, Span<float> action)
    {
        for (int i = 0; i < mean.Length; i++)
        {
            action[i] = (float)Math.Tanh(mean[i]);
        }
    }

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}
