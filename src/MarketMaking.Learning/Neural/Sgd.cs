using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// Stochastic gradient descent with heavy-ball momentum: v ← μv + g, θ ← θ − η·v
/// (the PyTorch convention). μ = 0 is plain SGD.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private readonly IReadOnlyList<float[]> _parameters;
    private readonly IReadOnlyList<float[]> _gradients;
    private readonly float[][] _velocities;
    private float _learningRate;

    public Sgd(INetwork network, float learningRate, float momentum = 0f)
        : this(Required(network).Parameters, network.Gradients, learningRate, momentum)
    {
    }

    public Sgd(IReadOnlyList<float[]> parameters, IReadOnlyList<float[]> gradients, float learningRate, float momentum = 0f)
    {
        OptimizerParameters.RequireMatching(parameters, gradients);
        _parameters = parameters;
        _gradients = gradients;
        LearningRate = learningRate;
        Momentum = OptimizerParameters.RequireFraction(momentum, nameof(momentum));
        _velocities = [.. parameters.Select(p => new float[p.Length])];
    }

    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerParameters.RequireLearningRate(value);
    }

    public float Momentum { get; }

    public long StepCount { get; private set; }

    public void ApplyGradients()
    {
        StepCount++;
        for (int i = 0; i < _parameters.Count; i++)
        {
            Span<float> velocity = _velocities[i];
            TensorPrimitives.MultiplyAdd(velocity, Momentum, _gradients[i], velocity);
            TensorPrimitives.MultiplyAdd(velocity, -LearningRate, _parameters[i], _parameters[i]);
        }
    }

    private static INetwork Required(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network;
    }
}
