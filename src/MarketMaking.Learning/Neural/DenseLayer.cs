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
    private float[] _preActivation = [];
    private float[] _output = [];
    private float[] _preActivationGradient = [];
    private float[] _inputGradient = [];
    private float[] _transposedGradient = [];
    private float[] _transposedInput = [];
    private readonly float[] _transposedWeights;
    private readonly float[] _transposedWeightGradient;
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
        _transposedWeightGradient = new float[Weights.Length];
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public Activation Activation { get; }

    /// <summary>Row o holds the weights into output o: W[o, i] = Weights[o·InputSize + i].</summary>
    public float[] Weights { get; }

    public float[] Bias { get; }

    public float[] WeightGradients { get; }

    public float[] BiasGradients { get; }

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
        _output = new float[batchSize * OutputSize];
        _preActivationGradient = new float[batchSize * OutputSize];
        _transposedGradient = new float[batchSize * OutputSize];
        _transposedInput = new float[batchSize * InputSize];
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
        _batchSize = batch;

        // Kept for Backward: the caller may overwrite its own buffer in between.
        Span<float> x = _input.AsSpan(0, batch * InputSize);
        input.CopyTo(x);
        Span<float> z = _preActivation.AsSpan(0, batch * OutputSize);
        for (int b = 0; b < batch; b++)
        {
            Bias.CopyTo(z.Slice(b * OutputSize, OutputSize));
        }

        // Z = X·Wᵀ + b, with Wᵀ (inputs × outputs) refreshed from the weights the optimizer moved.
        MatrixKernels.Transpose(Weights, _transposedWeights, OutputSize, InputSize);
        MatrixKernels.MultiplyAdd(x, _transposedWeights, z, batch, InputSize, OutputSize);

        Span<float> y = _output.AsSpan(0, batch * OutputSize);
        ActivationFunctions.Apply(Activation, z, y);
        return y;
    }

    /// <summary>
    /// Adds ∂loss/∂W and ∂loss/∂b, summed over the batch of the last Forward, to the gradient
    /// arrays, and returns ∂loss/∂input (valid until the next Backward).
    /// </summary>
    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient)
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

        Span<float> dz = _preActivationGradient.AsSpan(0, batch * OutputSize);
        ActivationFunctions.Backward(
            Activation,
            _preActivation.AsSpan(0, dz.Length),
            _output.AsSpan(0, dz.Length),
            outputGradient,
            dz);

        // ∂W += dZᵀ·X, ∂b += Σ_rows dZ, ∂X = dZ·W. The kernel vectorizes along its output rows, so a
        // narrow input (a first layer of a few features) takes the transposed forms, whose rows are
        // OutputSize or batch long: ∂Wᵀ = Xᵀ·dZ and ∂Xᵀ = Wᵀ·dZᵀ.
        Span<float> dzT = _transposedGradient.AsSpan(0, dz.Length);
        MatrixKernels.Transpose(dz, dzT, batch, OutputSize);
        ReadOnlySpan<float> x = _input.AsSpan(0, batch * InputSize);
        bool narrow = InputSize < MatrixKernels.VectorWidth;
        if (narrow)
        {
            Span<float> xT = _transposedInput.AsSpan(0, x.Length);
            MatrixKernels.Transpose(x, xT, batch, InputSize);
            Span<float> dwT = _transposedWeightGradient;
            dwT.Clear();
            MatrixKernels.MultiplyAdd(xT, dz, dwT, InputSize, batch, OutputSize);
            MatrixKernels.AddTransposed(dwT, WeightGradients, InputSize, OutputSize);
        }
        else
        {
            MatrixKernels.MultiplyAdd(dzT, x, WeightGradients, OutputSize, batch, InputSize);
        }

        for (int b = 0; b < batch; b++)
        {
            TensorPrimitives.Add(BiasGradients, dz.Slice(b * OutputSize, OutputSize), BiasGradients);
        }

        Span<float> dx = _inputGradient.AsSpan(0, batch * InputSize);
        if (narrow)
        {
            Span<float> dxT = _transposedInput.AsSpan(0, dx.Length);
            dxT.Clear();
            MatrixKernels.MultiplyAdd(_transposedWeights, dzT, dxT, InputSize, OutputSize, batch);
            MatrixKernels.Transpose(dxT, dx, InputSize, batch);
        }
        else
        {
            dx.Clear();
            MatrixKernels.MultiplyAdd(dz, Weights, dx, batch, OutputSize, InputSize);
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
