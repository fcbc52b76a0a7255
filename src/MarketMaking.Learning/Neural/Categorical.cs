using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// A categorical distribution over actions given by one row of logits, as a PPO policy head
/// needs it: log-probability of the chosen action, entropy, their gradients with respect to the
/// logits, and sampling. Gradient overloads overwrite (not add to) the gradient span.
/// </summary>
public static class Categorical
{
    /// <summary>log π(action) = z_action − log Σⱼ e^{zⱼ}.</summary>
    public static float LogProbability(ReadOnlySpan<float> logits, int action)
    {
        RequireAction(logits, action);
        float max = TensorPrimitives.Max(logits);
        return Softmax.LogProbability(logits[action], max, Softmax.LogSumOfShiftedExp(logits, max));
    }

    /// <summary>Also writes ∂log π(action)/∂z = onehot(action) − softmax(z).</summary>
    public static float LogProbability(ReadOnlySpan<float> logits, int action, Span<float> gradient)
    {
        RequireAction(logits, action);
        Softmax.Compute(logits, gradient);
        float logProbability = LogProbability(logits, action);
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i];
        }

        gradient[action] += 1f;
        return logProbability;
    }

    /// <summary>H = −Σ pᵢ log pᵢ, from log-probabilities so no 0·log 0 arises.</summary>
    public static float Entropy(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("no logits", nameof(logits));
        }

        float max = TensorPrimitives.Max(logits);
        double logSum = Softmax.LogSumOfShiftedExp(logits, max);
        double entropy = 0;
        foreach (float z in logits)
        {
            double logP = ((double)z - max) - logSum;
            entropy -= Math.Exp(logP) * logP;
        }

        return (float)entropy;
    }

    /// <summary>Also writes ∂H/∂zⱼ = −pⱼ (log pⱼ + H).</summary>
    public static float Entropy(ReadOnlySpan<float> logits, Span<float> gradient)
    {
        // The gradient span holds log p until the last loop.
        Softmax.LogSoftmax(logits, gradient);
        double entropy = 0;
        foreach (float logP in gradient)
        {
            entropy -= Math.Exp(logP) * logP;
        }

        for (int i = 0; i < gradient.Length; i++)
        {
            double logP = gradient[i];
            gradient[i] = (float)(-Math.Exp(logP) * (logP + entropy));
        }

        return (float)entropy;
    }

    /// <summary>
    /// <see cref="LogProbability(ReadOnlySpan{float}, int, Span{float})"/> and <see cref="Entropy(ReadOnlySpan{float}, Span{float})"/>
    /// of one row, bit for bit, with the log-sum-exp and each probability computed once instead of
    /// two and three times: a PPO minibatch needs both for every row.
    /// </summary>
    public static (float LogProbability, float Entropy) LogProbabilityAndEntropy(
        ReadOnlySpan<float> logits, int action, Span<float> logProbabilityGradient, Span<float> entropyGradient)
    {
        if (logits.Length > MaxFusedActions)
        {
            return (LogProbability(logits, action, logProbabilityGradient), Entropy(logits, entropyGradient));
        }

        RequireAction(logits, action);
        Softmax.Compute(logits, logProbabilityGradient);
        for (int i = 0; i < logProbabilityGradient.Length; i++)
        {
            logProbabilityGradient[i] = -logProbabilityGradient[i];
        }

        logProbabilityGradient[action] += 1f;
        float max = TensorPrimitives.Max(logits);
        double logSum = Softmax.LogSumOfShiftedExp(logits, max);
        float logProbability = Softmax.LogProbability(logits[action], max, logSum);
        Span<double> probabilities = stackalloc double[logits.Length];
        double entropy = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            // As Entropy: log p rounded to float (log-softmax's output), then its exponential in double.
            double logP = Softmax.LogProbability(logits[i], max, logSum);
            entropyGradient[i] = (float)logP;
            probabilities[i] = Math.Exp(logP);
            entropy -= probabilities[i] * logP;
        }

        for (int i = 0; i < logits.Length; i++)
        {
            entropyGradient[i] = (float)(-probabilities[i] * (entropyGradient[i] + entropy));
        }

        return (logProbability, (float)entropy);
    }

    // Rows up to this long keep their probabilities on the stack.
    private const int MaxFusedActions = 256;

    /// <summary>Draws an action with probability softmax(z), without allocating.</summary>
    public static int Sample(ReadOnlySpan<float> logits, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (logits.IsEmpty)
        {
            throw new ArgumentException("no logits", nameof(logits));
        }

        float max = TensorPrimitives.Max(logits);
        double logSum = Softmax.LogSumOfShiftedExp(logits, max);
        double u = random.NextDouble();
        double cumulative = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            cumulative += Math.Exp(((double)logits[i] - max) - logSum);
            if (u < cumulative)
            {
                return i;
            }
        }

        return logits.Length - 1; // rounding left the total just under 1
    }

    private static void RequireAction(ReadOnlySpan<float> logits, int action)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("no logits", nameof(logits));
        }

        if ((uint)action >= (uint)logits.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, $"action must be in [0, {logits.Length})");
        }
    }
}
