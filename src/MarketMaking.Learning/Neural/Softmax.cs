using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// Softmax and log-softmax of one row of logits. Both subtract the maximum first, so large logits
/// cannot overflow exp; log-softmax never takes the log of a probability that underflowed to 0.
/// </summary>
public static class Softmax
{
    /// <summary>probabilities[i] = e^{zᵢ} / Σⱼ e^{zⱼ}; the spans may be the same memory.</summary>
    public static void Compute(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        RequireSameLength(logits, probabilities);
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum(probabilities), probabilities);
    }

    /// <summary>logProbabilities[i] = zᵢ − log Σⱼ e^{zⱼ}; the spans may be the same memory.</summary>
    public static void LogSoftmax(ReadOnlySpan<float> logits, Span<float> logProbabilities)
    {
        RequireSameLength(logits, logProbabilities);
        float max = TensorPrimitives.Max(logits);
        double logSum = LogSumOfShiftedExp(logits, max);
        for (int i = 0; i < logits.Length; i++)
        {
            logProbabilities[i] = LogProbability(logits[i], max, logSum);
        }
    }

    /// <summary>log Σⱼ e^{zⱼ} = max + log Σⱼ e^{zⱼ − max}.</summary>
    public static float LogSumExp(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("no logits", nameof(logits));
        }

        float max = TensorPrimitives.Max(logits);
        return (float)(max + LogSumOfShiftedExp(logits, max));
    }

    /// <summary>log Σⱼ e^{zⱼ − max}, in double; lies in [0, log n].</summary>
    internal static double LogSumOfShiftedExp(ReadOnlySpan<float> logits, float max)
    {
        double sum = 0;
        foreach (float z in logits)
        {
            sum += Math.Exp((double)z - max);
        }

        return Math.Log(sum);
    }

    /// <summary>
    /// (z − max) − log Σ e^{zⱼ − max}: the small shifted terms are subtracted, never z − logsumexp,
    /// which loses digits when the logits are large (1000 carries a float ulp of 6e-5).
    /// </summary>
    internal static float LogProbability(float logit, float max, double logSumOfShiftedExp) =>
        (float)(((double)logit - max) - logSumOfShiftedExp);

    private static void RequireSameLength(ReadOnlySpan<float> logits, Span<float> destination)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("no logits", nameof(logits));
        }

        if (destination.Length != logits.Length)
        {
            throw new ArgumentException($"{logits.Length} logits but room for {destination.Length} results", nameof(destination));
        }
    }
}
