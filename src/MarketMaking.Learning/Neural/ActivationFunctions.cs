using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MarketMaking.Learning.Neural;

/// <summary>Forward values and backward derivatives of each <see cref="Activation"/>, over whole batches.</summary>
public static class ActivationFunctions
{
    /// <summary>output = f(preActivation), element-wise; the spans may be the same memory.</summary>
    public static void Apply(Activation activation, ReadOnlySpan<float> preActivation, Span<float> output)
    {
        switch (activation)
        {
            case Activation.Identity:
                preActivation.CopyTo(output);
                break;
            case Activation.ReLU:
                TensorPrimitives.Max(preActivation, 0f, output);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(preActivation, output);
                break;
            case Activation.Softplus:
                for (int i = 0; i < preActivation.Length; i++)
                {
                    output[i] = Softplus(preActivation[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }
    }

    /// <summary>
    /// preActivationGradient = outputGradient ⊙ f′(preActivation). Tanh reuses the forward output
    /// (f′ = 1 − f²) to avoid recomputing it.
    /// </summary>
    public static void Backward(
        Activation activation,
        ReadOnlySpan<float> preActivation,
        ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient,
        Span<float> preActivationGradient)
    {
        switch (activation)
        {
            case Activation.Identity:
                outputGradient.CopyTo(preActivationGradient);
                break;
            case Activation.ReLU:
                for (int i = 0; i < preActivation.Length; i++)
                {
                    preActivationGradient[i] = preActivation[i] > 0 ? outputGradient[i] : 0f;
                }

                break;
            case Activation.Tanh:
                TanhBackward(output, outputGradient, preActivationGradient);
                break;
            case Activation.Softplus:
                TensorPrimitives.Sigmoid(preActivation, preActivationGradient);
                TensorPrimitives.Multiply(preActivationGradient, outputGradient, preActivationGradient);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }
    }

    /// <summary>
    /// (1 − y·y)·g in one pass over the batch: the same three roundings, in the same order, as
    /// squaring, subtracting from one and multiplying in three passes.
    /// </summary>
    private static void TanhBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> preActivationGradient)
    {
        if (outputGradient.Length < output.Length || preActivationGradient.Length < output.Length)
        {
            throw new ArgumentException($"{output.Length} outputs but {outputGradient.Length} gradients and room for {preActivationGradient.Length}");
        }

        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(outputGradient);
        ref float d = ref MemoryMarshal.GetReference(preActivationGradient);
        int width = Vector<float>.Count, i = 0;
        for (; i + width <= output.Length; i += width)
        {
            Vector<float> yi = Vector.LoadUnsafe(ref y, (nuint)i);
            ((Vector<float>.One - (yi * yi)) * Vector.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < output.Length; i++)
        {
            float yi = Unsafe.Add(ref y, i);
            Unsafe.Add(ref d, i) = (1f - (yi * yi)) * Unsafe.Add(ref g, i);
        }
    }

    /// <summary>max(x, 0) + log(1 + e^−|x|): never overflows, and stays accurate for large |x|.</summary>
    public static float Softplus(float x) => (float)(Math.Max(x, 0.0) + Math.Log(1 + Math.Exp(-Math.Abs((double)x))));
}
