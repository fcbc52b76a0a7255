namespace MarketMaking.Learning.Neural;

/// <summary>
/// A sequence of dense layers, each feeding the next: a multilayer perceptron.
/// <c>new Mlp([8, 64, 64, 1], Activation.ReLU, Activation.Softplus, seed)</c> maps 8 features
/// through two ReLU layers of 64 to one positive output.
/// </summary>
public sealed class Mlp : INetwork
{
    private readonly DenseLayer[] _layers;
    private readonly float[][] _parameters;
    private readonly float[][] _gradients;

    public Mlp(IReadOnlyList<int> layerSizes, Activation hiddenActivation, Activation outputActivation, int seed)
        : this(layerSizes, hiddenActivation, outputActivation, new Random(seed))
    {
    }

    /// <summary>Layers are initialised in order from <paramref name="random"/>, so one generator can seed several networks.</summary>
    public Mlp(IReadOnlyList<int> layerSizes, Activation hiddenActivation, Activation outputActivation, Random random)
        : this(CreateLayers(layerSizes, hiddenActivation, outputActivation, random))
    {
    }

    /// <summary>From existing layers; each layer's input size must equal the previous layer's output size.</summary>
    public Mlp(IEnumerable<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        }

        for (int i = 1; i < _layers.Length; i++)
        {
            if (_layers[i].InputSize != _layers[i - 1].OutputSize)
            {
                throw new ArgumentException(
                    $"layer {i} takes {_layers[i].InputSize} inputs but layer {i - 1} gives {_layers[i - 1].OutputSize}",
                    nameof(layers));
            }
        }

        _parameters = [.. _layers.SelectMany(l => new[] { l.Weights, l.Bias })];
        _gradients = [.. _layers.SelectMany(l => new[] { l.WeightGradients, l.BiasGradients })];
        LayerSizes = [_layers[0].InputSize, .. _layers.Select(l => l.OutputSize)];
        MaxWidth = LayerSizes.Max();
    }

    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>Input width followed by each layer's output width, e.g. [8, 64, 64, 1].</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    public int InputSize => _layers[0].InputSize;

    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>Weights and bias of each layer in turn: [W₀, b₀, W₁, b₁, …].</summary>
    // Layers wider than this run through Forward only (Infer's scratch lives on the stack).
    private const int MaxWidthLimit = 1024;

    public IReadOnlyList<float[]> Parameters => _parameters;

    public IReadOnlyList<float[]> Gradients => _gradients;

    public int ParameterCount => _parameters.Sum(p => p.Length);

    public void EnsureBatchCapacity(int batchSize)
    {
        foreach (DenseLayer layer in _layers)
        {
            layer.EnsureBatchCapacity(batchSize);
        }
    }

    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input) => ForwardFrom(_layers[0].Forward(input), 1);

    /// <summary>The first <paramref name="batch"/> rows of <paramref name="input"/>, left unchanged until Backward, so not copied.</summary>
    internal ReadOnlySpan<float> Forward(float[] input, int batch) => ForwardFrom(_layers[0].Forward(input, batch), 1);

    // Each layer reads the previous one's output buffer in place.
    private ReadOnlySpan<float> ForwardFrom(ReadOnlySpan<float> activations, int first)
    {
        int batch = activations.Length / _layers[first - 1].OutputSize;
        for (int i = first; i < _layers.Length; i++)
        {
            activations = _layers[i].Forward(_layers[i - 1].OutputBuffer, batch);
        }

        return activations;
    }

    /// <summary>The array the last Forward's output rows are in, for a head to read in place.</summary>
    internal float[] OutputBuffer => _layers[^1].OutputBuffer;

    /// <summary>The last Forward's output rows (<paramref name="batch"/> of them), read in place: what Forward returned.</summary>
    internal ReadOnlySpan<float> Output(int batch) => _layers[^1].Output(batch);

    /// <summary>The last Backward's gradient of the network's inputs (<paramref name="batch"/> rows), read in place.</summary>
    internal ReadOnlySpan<float> InputGradient(int batch) => _layers[0].InputGradient(batch);

    /// <summary>The widest layer: the scratch <see cref="Infer"/> needs.</summary>
    public int MaxWidth { get; }

    /// <summary>
    /// One row through the network on the caller's stack, without the training buffers: thread
    /// safe and allocation free. <paramref name="output"/> needs <see cref="OutputSize"/> values.
    /// </summary>
    public void Infer(ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> scratch = stackalloc float[2 * MaxWidthLimit];
        if (MaxWidth > MaxWidthLimit)
        {
            throw new InvalidOperationException($"Infer supports layers up to {MaxWidthLimit} wide; use Forward");
        }

        Span<float> a = scratch[..MaxWidthLimit], b = scratch[MaxWidthLimit..];
        input.CopyTo(a);
        foreach (DenseLayer layer in _layers)
        {
            layer.Infer(a, b);
            Span<float> swap = a;
            a = b;
            b = swap;
        }

        a[..OutputSize].CopyTo(output);
    }

    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient) => Backward(outputGradient, inputGradient: true);

    /// <summary>
    /// Adds ∂loss/∂parameters for the last Forward like <see cref="Backward(ReadOnlySpan{float})"/>,
    /// without the gradient of the network's inputs, which a network fed with data does not need.
    /// </summary>
    public void BackwardParameters(ReadOnlySpan<float> outputGradient) => Backward(outputGradient, inputGradient: false);

    /// <summary>
    /// ∂loss/∂input for the last Forward, leaving the parameter gradients as they are: the network
    /// as a differentiable function of its inputs (a critic under an actor's loss), at about half the
    /// work of <see cref="Backward(ReadOnlySpan{float})"/>.
    /// </summary>
    public ReadOnlySpan<float> BackwardInputs(ReadOnlySpan<float> outputGradient) => Backward(outputGradient, inputGradient: true, parameterGradients: false);

    private ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient, bool inputGradient, bool parameterGradients = true)
    {
        ReadOnlySpan<float> gradient = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            gradient = _layers[i].Backward(gradient, inputGradient || i > 0, parameterGradients);
        }

        return gradient;
    }

    public void ZeroGradients()
    {
        foreach (DenseLayer layer in _layers)
        {
            layer.ZeroGradients();
        }
    }

    /// <summary>Same architecture and weights, separate buffers and zero gradients: a target network.</summary>
    public Mlp Clone()
    {
        var copy = new Mlp(_layers.Select(l => new DenseLayer(l.InputSize, l.OutputSize, l.Activation)));
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>
    /// A network reading this one's weights and biases in place, with its own batch buffers and
    /// gradients: another thread's share of a minibatch, with nothing to copy when the weights move.
    /// </summary>
    internal Mlp SharingWeights() => new(_layers.Select(l => new DenseLayer(l)));

    /// <summary>Same layer sizes and activations.</summary>
    public bool HasSameArchitecture(Mlp other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _layers.Length == other._layers.Length
            && _layers.Zip(other._layers).All(p =>
                p.First.InputSize == p.Second.InputSize
                && p.First.OutputSize == p.Second.OutputSize
                && p.First.Activation == p.Second.Activation);
    }

    /// <summary>Readable architecture, e.g. "8-64-64-1 (ReLU, ReLU, Softplus)".</summary>
    public string Describe() =>
        $"{string.Join('-', LayerSizes)} ({string.Join(", ", _layers.Select(l => l.Activation))})";

    private static DenseLayer[] CreateLayers(
        IReadOnlyList<int> layerSizes, Activation hiddenActivation, Activation outputActivation, Random random)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (layerSizes.Count < 2)
        {
            throw new ArgumentException($"need at least an input and an output size, got {layerSizes.Count} sizes", nameof(layerSizes));
        }

        var layers = new DenseLayer[layerSizes.Count - 1];
        for (int i = 0; i < layers.Length; i++)
        {
            Activation activation = i == layers.Length - 1 ? outputActivation : hiddenActivation;
            layers[i] = new DenseLayer(layerSizes[i], layerSizes[i + 1], activation, random);
        }

        return layers;
    }
}
