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

    /// <summary>
    /// log π(tanh u) of an action recorded by its pre-squash value u (what PPO stores, since atanh of a
    /// rounded action is unstable): Σᵢ [−zᵢ²/2 − sᵢ − ln(2π)/2 − ln(1 − tanh²uᵢ)] with zᵢ = (uᵢ − μᵢ)e^−sᵢ.
    /// </summary>
    public static double LogProbability(ReadOnlySpan<float> mean, ReadOnlySpan<float> logStd, ReadOnlySpan<float> preSquash) =>
        LogDensity(mean, logStd, preSquash, squashed: true);

    /// <summary>
    /// log of u's Gaussian density alone, Σᵢ [−zᵢ²/2 − sᵢ − ln(2π)/2] with zᵢ = (uᵢ − μᵢ)e^−sᵢ: the log π
    /// of a policy that clips u instead of squashing it (<see cref="LogProbabilityGradient"/> holds for both).
    /// </summary>
    public static double GaussianLogProbability(ReadOnlySpan<float> mean, ReadOnlySpan<float> logStd, ReadOnlySpan<float> preSquash) =>
        LogDensity(mean, logStd, preSquash, squashed: false);

    /// <summary>
    /// ∂log π/∂μ = z·e^−s and ∂log π/∂s = z² − 1 at a fixed recorded u (the tanh term does not depend on μ or s).
    /// </summary>
    public static void LogProbabilityGradient(
        ReadOnlySpan<float> mean, ReadOnlySpan<float> logStd, ReadOnlySpan<float> preSquash, Span<float> meanGradient, Span<float> logStdGradient)
    {
        for (int i = 0; i < mean.Length; i++)
        {
            double inverseStd = Math.Exp(-logStd[i]);
            double z = (preSquash[i] - mean[i]) * inverseStd;
            meanGradient[i] = (float)(z * inverseStd);
            logStdGradient[i] = (float)((z * z) - 1);
        }
    }

    /// <summary>
    /// Entropy of the Gaussian before the squash, Σᵢ sᵢ + ln(2πe)/2 (the squashed one has no closed
    /// form); its gradient in each sᵢ is 1. PPO's entropy bonus uses it.
    /// </summary>
    public static double GaussianEntropy(ReadOnlySpan<float> logStd)
    {
        double entropy = 0;
        foreach (float s in logStd)
        {
            entropy += s + HalfLogTwoPi + 0.5;
        }

        return entropy;
    }

    /// <summary>The deterministic action tanh(μ): what a trained policy quotes.</summary>
    public static void Mode(ReadOnlySpan<float> mean, Span<float> action)
    {
        for (int i = 0; i < mean.Length; i++)
        {
            action[i] = (float)Math.Tanh(mean[i]);
        }
    }

    private static double LogDensity(ReadOnlySpan<float> mean, ReadOnlySpan<float> logStd, ReadOnlySpan<float> preSquash, bool squashed)
    {
        double logProbability = 0;
        for (int i = 0; i < mean.Length; i++)
        {
            double z = (preSquash[i] - mean[i]) * Math.Exp(-logStd[i]);
            logProbability += (-0.5 * z * z) - logStd[i] - HalfLogTwoPi - (squashed ? LogTanhDerivative(preSquash[i]) : 0);
        }

        return logProbability;
    }

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}
