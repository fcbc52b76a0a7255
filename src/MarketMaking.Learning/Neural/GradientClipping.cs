using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>Rescales all gradients together so their joint L2 norm is at most a limit; directions are kept.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Returns the global norm √(Σ g²) before clipping. If it exceeds <paramref name="maxNorm"/>,
    /// every gradient is multiplied by maxNorm/norm. A non-finite norm is returned with the
    /// gradients untouched, so the caller can skip the step rather than spread NaN.
    /// </summary>
    public static float ClipByGlobalNorm(IReadOnlyList<float[]> gradients, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        if (!(maxNorm > 0) || !float.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be a positive number");
        }

        float norm = GlobalNorm(gradients);
        if (norm > maxNorm && float.IsFinite(norm))
        {
            float scale = maxNorm / norm;
            for (int i = 0; i < gradients.Count; i++) // indexed: foreach over an interface would allocate
            {
                TensorPrimitives.Multiply(gradients[i], scale, gradients[i]);
            }
        }

        return norm;
    }

    /// <summary>√(Σ g²) over every array; per-array sums added in double.</summary>
    public static float GlobalNorm(IReadOnlyList<float[]> gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        double sumOfSquares = 0;
        for (int i = 0; i < gradients.Count; i++)
        {
            sumOfSquares += TensorPrimitives.SumOfSquares<float>(gradients[i]);
        }

        return (float)Math.Sqrt(sumOfSquares);
    }
}
