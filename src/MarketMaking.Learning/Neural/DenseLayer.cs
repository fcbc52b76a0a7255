using System.Numerics.Tensors;

namespace MarketMaking.Learning.Neural;

/// <summary>
/// y = f(W·x + b) on each row of a batch, with W stored row-major as outputs × inputs. Buffers for
/// the batch are owned and reused; they grow only when a larger batch arrives, so a training loop
/// with a fixed batch size allocates nothing after the first call.
/// </summary>
public sealed class DenseLayer
{
    private float[] _input = [];
    private float[] _forwardInput = [];
    private float[] _preActivation = [];
    private float[] _output = [];
    private float[] _preActivationGradient = [];
    private float[] _inputGradient = [];
    private float[] _transposedGradient = [];
    private float[] _transposedInputGradient = [];
    private readonly float[] _transposedWeights;
    private float[]? _transposedWeightGradient;
    private int _batchCapacity;
    private int _batchSize = -1;

    /// <summary>Weights drawn by <see cref="WeightInitialization.ForActivation"/>, biases zero.</summary>
    public DenseLayer(int inputSize, int outputSize, Activation activation, Random random)
        : this(inputSize, outputSize, activation)
    {
        WeightInitialization.ForActivation(Weights, inputSize, outputSize, activation, random);
    }

    public DenseLayer(int inputSize, int outputSize, Activation activation, int seed)
        : this(inputSize, outputSize, activation, new Random(seed))
    {
    }

    /// <summary>All weights and biases zero; for loading or for setting them by hand.</summary>
    public DenseLayer(int inputSize, int outputSize, Activation activation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation");
        }

        InputSize = inputSize;
        OutputSize = outputSize;
        Activation = activation;
        Weights = new float[outputSize * inputSize];
        Bias = new float[outputSize];
        WeightGradients = new float[Weights.Length];
        BiasGradients = new float[outputSize];
        _transposedWeights = new float[Weights.Length];
    }

    /// <summary>
    /// A layer reading <paramref name="source"/>'s weights and biases (the same arrays, not copies)
    /// with its own batch buffers and gradients: a second thread's view of one network, so the
    /// minibatch can be split without copying the weights each time.
    /// </summary>
    internal DenseLayer(DenseLayer source)
    {
        ArgumentNullException.ThrowIfNull(source);
        (InputSize, OutputSize, Activation) = (source.InputSize, source.OutputSize, source.Activation);
        (Weights, Bias) = (source.Weights, source.Bias);
        WeightGradients = new float[Weights.Length];
        BiasGradients = new float[OutputSize];
        _transposedWeights = new float[Weights.Length];
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public Activation Activation { get; }

    /// <summary>Row o holds the weights into output o: W[o, i] = Weights[o·InputSize + i].</summary>
    public float[] Weights { get; }

    public float[] Bias { get; }

    public float[] WeightGradients { get; }

    public float[] BiasGradients { get; }

    /// <summary>The array the last Forward's output rows are in, for the next layer to read in place.</summary>
    internal float[] OutputBuffer => _output;

    /// <summary>The last Forward's output rows (<paramref name="batch"/> of them), read in place: a linear layer's are its pre-activations.</summary>
    internal ReadOnlySpan<float> Output(int batch) => (Activation == Activation.Identity ? _preActivation : _output).AsSpan(0, batch * OutputSize);

    /// <summary>The last Backward's ∂loss/∂input rows (<paramref name="batch"/> of them), read in place.</summary>
    internal ReadOnlySpan<float> InputGradient(int batch) => _inputGradient.AsSpan(0, batch * InputSize);

    /// <summary>Allocates the buffers for batches up to <paramref name="batchSize"/> now rather than on first use.</summary>
    public void EnsureBatchCapacity(int batchSize)
    {
        if (batchSize <= _batchCapacity)
        {
            return;
        }

        _input = new float[batchSize * InputSize];
        _inputGradient = new float[batchSize * InputSize];
        _preActivation = new float[batchSize * OutputSize];
        // A linear layer's output is its pre-activation: one array, no copy.
        _output = Activation == Activation.Identity ? _preActivation : new float[batchSize * OutputSize];
        _preActivationGradient = Activation == Activation.Identity ? [] : new float[batchSize * OutputSize];
        if (InputSize < MatrixKernels.VectorWidth)
        {
            // Only the narrow layout's input gradient goes through transposes.
            _transposedGradient = new float[batchSize * OutputSize];
            _transposedInputGradient = new float[batchSize * InputSize];
        }

        _batchCapacity = batchSize;
    }

    /// <summary>
    /// One row through the layer without touching the training buffers: safe to call from many
    /// threads at once (a trained policy serving parallel runs).
    /// </summary>
    public void Infer(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int o = 0; o < OutputSize; o++)
        {
            output[o] = Bias[o] + TensorPrimitives.Dot(Weights.AsSpan(o * InputSize, InputSize), input[..InputSize]);
        }

        ActivationFunctions.Apply(Activation, output[..OutputSize], output[..OutputSize]);
    }

    /// <summary>Output rows for the input rows; valid until the next Forward.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input)
    {
        int batch = BatchSizeOf(input.Length, InputSize, nameof(input));
        EnsureBatchCapacity(batch);

        // Kept for Backward: the caller may overwrite its own buffer in between.
        input.CopyTo(_input);
        return Forward(_input, batch);
    }

    /// <summary>
    /// Output rows for the first <paramref name="batch"/> rows of <paramref name="input"/>, which
    /// Backward reads again: the caller leaves them as they are until then (a network passing one
    /// layer's output buffer to the next), so they need no copy.
    /// </summary>
    internal ReadOnlySpan<float> Forward(float[] input, int batch)
    {
        if (batch < 1 || input.Length < batch * InputSize)
        {
            throw new ArgumentException($"expected {batch} rows of {InputSize} inputs, got {input.Length} values", nameof(input));
        }

        EnsureBatchCapacity(batch);
        _batchSize = batch;
        _forwardInput = input;
        ReadOnlySpan<float> x = input.AsSpan(0, batch * InputSize);
        Span<float> z = _preActivation.AsSpan(0, batch * OutputSize);

        // Z = b + X·Wᵀ, with Wᵀ (inputs × outputs) refreshed from the weights the optimizer moved.
        MatrixKernels.Transpose(Weights, _transposedWeights, OutputSize, InputSize);
        MatrixKernels.MultiplyAddBias(x, _transposedWeights, Bias, z, batch, InputSize, OutputSize);
        if (Activation == Activation.Identity)
        {
            return z;
        }

        Span<float> y = _output.AsSpan(0, batch * OutputSize);
        ActivationFunctions.Apply(Activation, z, y);
        return y;
    }

    /// <summary>
    /// Adds ∂loss/∂W and ∂loss/∂b, summed over the batch of the last Forward, to the gradient
    /// arrays, and returns ∂loss/∂input (valid until the next Backward).
    /// </summary>
    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient) => Backward(outputGradient, inputGradient: true);

    /// <summary>
    /// The same; without <paramref name="inputGradient"/> it skips ∂loss/∂input and returns an empty
    /// span: a first layer's inputs are data, and nothing uses their gradient. Without
    /// <paramref name="parameterGradients"/> it leaves ∂W and ∂b as they are: a network differentiated
    /// only for its inputs (a critic under an actor's loss).
    /// </summary>
    internal ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient, bool inputGradient, bool parameterGradients = true)
    {
        if (_batchSize < 0)
        {
            throw new InvalidOperationException("Backward needs a Forward first");
        }

        int batch = _batchSize;
        if (outputGradient.Length != batch * OutputSize)
        {
            throw new ArgumentException(
                $"expected {batch}×{OutputSize} = {batch * OutputSize} gradients for the last batch, got {outputGradient.Length}",
                nameof(outputGradient));
        }

        // A linear layer's dZ is the output gradient itself, read in place.
        ReadOnlySpan<float> dz = outputGradient;
        if (Activation != Activation.Identity)
        {
            Span<float> preActivationGradient = _preActivationGradient.AsSpan(0, batch * OutputSize);
            ActivationFunctions.Backward(
                Activation,
                _preActivation.AsSpan(0, dz.Length),
                _output.AsSpan(0, dz.Length),
                outputGradient,
                preActivationGradient);
            dz = preActivationGradient;
        }

        // ∂W += dZᵀ·X, ∂b += Σ_rows dZ, ∂X = dZ·W. The kernel vectorizes along its output rows, so a
        // narrow input (a first layer of a few features) takes the transposed forms, whose rows are
        // OutputSize or batch long: ∂Wᵀ = Xᵀ·dZ and ∂Xᵀ = Wᵀ·dZᵀ.
        bool narrow = InputSize < MatrixKernels.VectorWidth;
        if (parameterGradients)
        {
            ReadOnlySpan<float> x = _forwardInput.AsSpan(0, batch * InputSize);
            if (narrow)
            {
                Span<float> dwT = _transposedWeightGradient ??= new float[Weights.Length];
                MatrixKernels.MultiplyTransposedLeft(x, dz, dwT, InputSize, batch, OutputSize);
                MatrixKernels.AddTransposed(dwT, WeightGradients, InputSize, OutputSize);
            }
            else
            {
                MatrixKernels.MultiplyAddTransposedLeft(dz, x, WeightGradients, OutputSize, batch, InputSize);
            }

            MatrixKernels.AddRows(dz, BiasGradients, batch, OutputSize);
        }

        if (!inputGradient)
        {
            return [];
        }

        Span<float> dx = _inputGradient.AsSpan(0, batch * InputSize);
        if (narrow)
        {
            Span<float> dzT = _transposedGradient.AsSpan(0, dz.Length);
            MatrixKernels.Transpose(dz, dzT, batch, OutputSize);
            Span<float> dxT = _transposedInputGradient.AsSpan(0, dx.Length);
            MatrixKernels.Multiply(_transposedWeights, dzT, dxT, InputSize, OutputSize, batch);
            MatrixKernels.Transpose(dxT, dx, InputSize, batch);
        }
        else
        {
            MatrixKernels.Multiply(dz, Weights, dx, batch, OutputSize, InputSize);
        }

        return dx;
    }

    public void ZeroGradients()
    {
        Array.Clear(WeightGradients);
        Array.Clear(BiasGradients);
    }

    internal static int BatchSizeOf(int length, int width, string parameter)
    {
        if (length == 0 || length % width != 0)
        {
            throw new ArgumentException($"expected a non-empty batch of rows of {width} values, got {length} values", parameter);
        }

        return length / width;
    }
}
