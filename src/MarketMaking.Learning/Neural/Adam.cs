using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// Adam (Kingma and Ba 2015): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) correcting the zero start.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly IReadOnlyList<float[]> _parameters;
    private readonly IReadOnlyList<float[]> _gradients;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;
    private readonly float[][] _scratch;
    private float _learningRate;

    public Adam(INetwork network, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : this(Required(network).Parameters, network.Gradients, learningRate, beta1, beta2, epsilon)
    {
    }

    public Adam(
        IReadOnlyList<float[]> parameters,
        IReadOnlyList<float[]> gradients,
        float learningRate = 1e-3f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f)
    {
        OptimizerParameters.RequireMatching(parameters, gradients);
        if (!(epsilon > 0) || !float.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive number");
        }

        _parameters = parameters;
        _gradients = gradients;
        LearningRate = learningRate;
        Beta1 = OptimizerParameters.RequireFraction(beta1, nameof(beta1));
        Beta2 = OptimizerParameters.RequireFraction(beta2, nameof(beta2));
        Epsilon = epsilon;
        _firstMoments = [.. parameters.Select(p => new float[p.Length])];
        _secondMoments = [.. parameters.Select(p => new float[p.Length])];
        _scratch = [.. parameters.Select(p => new float[p.Length])];
    }

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerParameters.RequireLearningRate(value);
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    public long StepCount { get; private set; }

    public void ApplyGradients()
    {
        StepCount++;
        float firstCorrection = (float)(1 - Math.Pow(Beta1, StepCount));
        float secondCorrection = (float)(1 - Math.Pow(Beta2, StepCount));
        for (int i = 0; i < _parameters.Count; i++)
        {
            Span<float> theta = _parameters[i];
            ReadOnlySpan<float> g = _gradients[i];
            Span<float> m = _firstMoments[i];
            Span<float> v = _secondMoments[i];
            Span<float> scratch = _scratch[i];

            TensorPrimitives.Multiply(m, Beta1, m);
            TensorPrimitives.MultiplyAdd(g, 1f - Beta1, m, m);

            TensorPrimitives.Multiply(g, g, scratch);
            TensorPrimitives.Multiply(v, Beta2, v);
            TensorPrimitives.MultiplyAdd(scratch, 1f - Beta2, v, v);

            // scratch ← m̂ / (√v̂ + ε), then θ ← θ − η·scratch.
            TensorPrimitives.Divide(v, secondCorrection, scratch);
            TensorPrimitives.Sqrt(scratch, scratch);
            TensorPrimitives.Add(scratch, Epsilon, scratch);
            TensorPrimitives.Divide(m, scratch, scratch);
            TensorPrimitives.MultiplyAdd(scratch, -LearningRate / firstCorrection, theta, theta);
        }
    }

    private static INetwork Required(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network;
    }
}
