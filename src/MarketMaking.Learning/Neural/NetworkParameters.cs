using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>Target-network updates, written against the flat parameter arrays so they work for any <see cref="INetwork"/>.</summary>
public static class NetworkParameters
{
    /// <summary>θ_target ← θ_source (hard update, e.g. every C steps in DQN).</summary>
    public static void CopyFrom(this INetwork target, INetwork source)
    {
        RequireSameShapes(target, source);
        for (int i = 0; i < target.Parameters.Count; i++)
        {
            source.Parameters[i].AsSpan().CopyTo(target.Parameters[i]);
        }
    }

    /// <summary>Polyak averaging: θ_target ← τ·θ_source + (1 − τ)·θ_target, with τ in [0, 1].</summary>
    public static void SoftUpdate(this INetwork target, INetwork source, float tau)
    {
        if (!(tau is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be between 0 and 1");
        }

        RequireSameShapes(target, source);
        for (int i = 0; i < target.Parameters.Count; i++)
        {
            Span<float> t = target.Parameters[i];
            TensorPrimitives.Multiply(t, 1f - tau, t);
            TensorPrimitives.MultiplyAdd(source.Parameters[i], tau, t, t);
        }
    }

    /// <summary>Total number of trainable values.</summary>
    public static int CountParameters(this INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Parameters.Sum(p => p.Length);
    }

    private static void RequireSameShapes(INetwork target, INetwork source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        if (ReferenceEquals(target, source))
        {
            return;
        }

        if (target.Parameters.Count != source.Parameters.Count)
        {
            throw new ArgumentException(
                $"networks differ: {source.Parameters.Count} parameter arrays in the source, {target.Parameters.Count} in the target",
                nameof(source));
        }

        for (int i = 0; i < target.Parameters.Count; i++)
        {
            if (target.Parameters[i].Length != source.Parameters[i].Length)
            {
                throw new ArgumentException(
                    $"networks differ: parameter array {i} has {source.Parameters[i].Length} values in the source, {target.Parameters[i].Length} in the target",
                    nameof(source));
            }
        }
    }
}
