using System.Numerics.Tensors;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// A trunk MLP feeding three linear heads: bid logits, ask logits and the state value. The joint
/// action (bid, ask) has log π = log π_bid + log π_ask, so 12 × 12 depths need 24 logits, not 144.
/// The network's input is each observation times ObservationScale, followed (with squared
/// features) by the squares of those scaled values, e.g. [q/Q·s, τ·s] → [q/Q·s, τ·s, (q/Q·s)², (τ·s)²],
/// so the critic's curvature in inventory is one weight away; the time left τ may have its own gain
/// (TimeScale, by default ObservationScale) and the other features may follow times τ (TimeProducts:
/// see <see cref="ObservationFeatures"/>). The value head sits either on the
/// shared trunk (Backward adds the three heads' input gradients into it) or on its own value trunk
/// of the same shape, so value errors do not pull the policy's features.
/// </summary>
public sealed class ActorCritic
{
    // Policy heads start near zero so the first policy is almost uniform (no early favourite depth).
    private const float PolicyHeadGain = 0.01f;

    private readonly float[][] _parameters;
    private readonly float[][] _gradients;
    private readonly ObservationFeatures _features;
    private float[] _inputs = [];
    private float[] _trunkGradient = [];
    private int _batch = -1;

    /// <summary>Weights drawn from <paramref name="seed"/>: trunk layers, then the bid, ask and value heads, then the value trunk.</summary>
    public ActorCritic(
        int observationSize, int bidCount, int askCount, IReadOnlyList<int> hiddenSizes, Activation activation, float observationScale, int seed,
        bool squaredFeatures = false, bool separateValueTrunk = false, float? timeScale = null, bool timeProducts = false)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        if (hiddenSizes.Count == 0)
        {
            throw new ArgumentException("the trunk needs at least one hidden layer", nameof(hiddenSizes));
        }

        var random = new Random(seed);
        _features = new ObservationFeatures(observationScale, squaredFeatures, timeScale ?? observationScale, timeProducts);
        int inputs = _features.Size(observationSize);
        var trunk = new Mlp([inputs, .. hiddenSizes], activation, activation, random);
        int width = hiddenSizes[^1];
        var bid = new DenseLayer(width, bidCount, Activation.Identity, random);
        var ask = new DenseLayer(width, askCount, Activation.Identity, random);
        var value = new DenseLayer(width, 1, Activation.Identity, random);
        Mlp? valueTrunk = separateValueTrunk ? new Mlp([inputs, .. hiddenSizes], activation, activation, random) : null;
        TensorPrimitives.Multiply(bid.Weights, PolicyHeadGain, bid.Weights);
        TensorPrimitives.Multiply(ask.Weights, PolicyHeadGain, ask.Weights);
        (Trunk, BidHead, AskHead, ValueHead, ValueTrunk) = (trunk, bid, ask, value, valueTrunk);
        ObservationSize = observationSize;
        (_parameters, _gradients) = Collect();
    }

    /// <summary>From existing parts (loading); the heads must take their trunk's output and the trunks the features.</summary>
    public ActorCritic(
        Mlp trunk, DenseLayer bidHead, DenseLayer askHead, DenseLayer valueHead, float observationScale,
        bool squaredFeatures = false, Mlp? valueTrunk = null, float? timeScale = null, bool timeProducts = false)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentNullException.ThrowIfNull(bidHead);
        ArgumentNullException.ThrowIfNull(askHead);
        ArgumentNullException.ThrowIfNull(valueHead);
        int valueInputs = valueTrunk?.OutputSize ?? trunk.OutputSize;
        foreach ((DenseLayer head, int inputs) in new[] { (bidHead, trunk.OutputSize), (askHead, trunk.OutputSize), (valueHead, valueInputs) })
        {
            if (head.InputSize != inputs || head.Activation != Activation.Identity)
            {
                throw new ArgumentException($"heads must be linear layers taking their trunk's {inputs} outputs");
            }
        }

        if (valueHead.OutputSize != 1)
        {
            throw new ArgumentException("the value head has one output", nameof(valueHead));
        }

        _features = new ObservationFeatures(observationScale, squaredFeatures, timeScale ?? observationScale, timeProducts);
        if (_features.ObservationSize(trunk.InputSize) < 1)
        {
            throw new ArgumentException($"no observation row gives {trunk.InputSize} trunk inputs with these features ({_features})", nameof(trunk));
        }

        if (valueTrunk is not null && valueTrunk.InputSize != trunk.InputSize)
        {
            throw new ArgumentException($"the value trunk takes {valueTrunk.InputSize} inputs, the policy trunk {trunk.InputSize}", nameof(valueTrunk));
        }

        (Trunk, BidHead, AskHead, ValueHead, ValueTrunk) = (trunk, bidHead, askHead, valueHead, valueTrunk);
        ObservationSize = _features.ObservationSize(trunk.InputSize);
        (_parameters, _gradients) = Collect();
    }

    /// <summary>The policy trunk (and the value's, when there is no separate <see cref="ValueTrunk"/>).</summary>
    public Mlp Trunk { get; }

    public DenseLayer BidHead { get; }

    public DenseLayer AskHead { get; }

    public DenseLayer ValueHead { get; }

    /// <summary>The value head's own trunk, or null when it shares <see cref="Trunk"/>.</summary>
    public Mlp? ValueTrunk { get; }

    public float ObservationScale => _features.Scale;

    /// <summary>Gain on the time left (ObservationScale unless set apart).</summary>
    public float TimeScale => _features.TimeScale;

    /// <summary>The trunks also see every other feature times the time left (see <see cref="ObservationFeatures"/>).</summary>
    public bool TimeProducts => _features.TimeProducts;

    /// <summary>The trunks also see the square of each scaled observation.</summary>
    public bool SquaredFeatures => _features.Squared;

    /// <summary>Observation values per row (the environment's layout).</summary>
    public int ObservationSize { get; }

    /// <summary>Inputs of the trunks: the scaled observations, then their squares when <see cref="SquaredFeatures"/>.</summary>
    public int FeatureSize => Trunk.InputSize;

    public int BidCount => BidHead.OutputSize;

    public int AskCount => AskHead.OutputSize;

    /// <summary>Trunk [W₀, b₀, …], then bid, ask and value head weights and biases, then the value trunk's.</summary>
    public IReadOnlyList<float[]> Parameters => _parameters;

    public IReadOnlyList<float[]> Gradients => _gradients;

    /// <summary>Writes the trunk inputs of one observation row: o·s (the time left times TimeScale), then their squares when squared features are on.</summary>
    public void Features(ReadOnlySpan<float> observation, Span<float> features) =>
        _features.Write(observation[..ObservationSize], features);

    public void EnsureBatchCapacity(int batchSize)
    {
        Trunk.EnsureBatchCapacity(batchSize);
        ValueTrunk?.EnsureBatchCapacity(batchSize);
        BidHead.EnsureBatchCapacity(batchSize);
        AskHead.EnsureBatchCapacity(batchSize);
        ValueHead.EnsureBatchCapacity(batchSize);
        if (_inputs.Length < batchSize * FeatureSize)
        {
            _inputs = new float[batchSize * FeatureSize];
            _trunkGradient = new float[batchSize * Trunk.OutputSize];
        }
    }

    /// <summary>Logits and values for a batch of observation rows; the spans are valid until the next Forward.</summary>
    public void Forward(ReadOnlySpan<float> observations, out ReadOnlySpan<float> bidLogits, out ReadOnlySpan<float> askLogits, out ReadOnlySpan<float> values)
    {
        int o = ObservationSize, f = FeatureSize;
        int batch = observations.Length / o;
        if (batch == 0 || observations.Length % o != 0)
        {
            throw new ArgumentException($"expected rows of {o} observations, got {observations.Length} values", nameof(observations));
        }

        EnsureBatchCapacity(batch);
        Span<float> inputs = _inputs.AsSpan(0, batch * f);
        _features.WriteRows(observations, o, inputs);

        // Each part reads its input rows in place: the features here, the trunks' outputs in theirs.
        Trunk.Forward(_inputs, batch);
        bidLogits = BidHead.Forward(Trunk.OutputBuffer, batch);
        askLogits = AskHead.Forward(Trunk.OutputBuffer, batch);
        if (ValueTrunk is not null)
        {
            ValueTrunk.Forward(_inputs, batch);
        }

        values = ValueHead.Forward((ValueTrunk ?? Trunk).OutputBuffer, batch);
        _batch = batch;
    }

    /// <summary>
    /// Adds ∂loss/∂parameters for the last Forward, given ∂loss/∂(bid logits, ask logits, values):
    /// the policy trunk receives the sum of its heads' input gradients. The features' own gradient
    /// is not computed: nothing uses it.
    /// </summary>
    public void Backward(ReadOnlySpan<float> bidLogitGradient, ReadOnlySpan<float> askLogitGradient, ReadOnlySpan<float> valueGradient)
    {
        if (_batch < 0)
        {
            throw new InvalidOperationException("Backward needs a Forward first");
        }

        Span<float> trunkGradient = _trunkGradient.AsSpan(0, _batch * Trunk.OutputSize);
        // The bid head's input gradient is read in place (valid until its next Backward), not copied first.
        ReadOnlySpan<float> bidInputGradient = BidHead.Backward(bidLogitGradient);
        TensorPrimitives.Add(bidInputGradient, AskHead.Backward(askLogitGradient), trunkGradient);
        if (ValueTrunk is null)
        {
            TensorPrimitives.Add(trunkGradient, ValueHead.Backward(valueGradient), trunkGradient);
        }
        else
        {
            ValueTrunk.BackwardParameters(ValueHead.Backward(valueGradient));
        }

        Trunk.BackwardParameters(trunkGradient);
    }

    public void ZeroGradients()
    {
        Trunk.ZeroGradients();
        ValueTrunk?.ZeroGradients();
        BidHead.ZeroGradients();
        AskHead.ZeroGradients();
        ValueHead.ZeroGradients();
    }

    /// <summary>
    /// One observation through the network on the caller's stack: thread safe and allocation free.
    /// <paramref name="bidLogits"/> and <paramref name="askLogits"/> need BidCount and AskCount values.
    /// </summary>
    public float Infer(ReadOnlySpan<float> observation, Span<float> bidLogits, Span<float> askLogits)
    {
        if (observation.Length < ObservationSize)
        {
            throw new ArgumentException($"expected {ObservationSize} observations, got {observation.Length}", nameof(observation));
        }

        Span<float> inputs = stackalloc float[FeatureSize];
        Features(observation, inputs);
        Span<float> hidden = stackalloc float[Trunk.OutputSize];
        Trunk.Infer(inputs, hidden);
        BidHead.Infer(hidden, bidLogits);
        AskHead.Infer(hidden, askLogits);
        Span<float> value = stackalloc float[1];
        if (ValueTrunk is null)
        {
            ValueHead.Infer(hidden, value);
        }
        else
        {
            Span<float> valueHidden = stackalloc float[ValueTrunk.OutputSize];
            ValueTrunk.Infer(inputs, valueHidden);
            ValueHead.Infer(valueHidden, value);
        }

        return value[0];
    }

    /// <summary>Same architecture and weights, own buffers.</summary>
    public ActorCritic Clone() =>
        new(Trunk.Clone(), CloneLayer(BidHead), CloneLayer(AskHead), CloneLayer(ValueHead), ObservationScale, SquaredFeatures, ValueTrunk?.Clone(), TimeScale, TimeProducts);

    /// <summary>
    /// The same network for another thread: it reads these weights in place (nothing to copy when
    /// the optimizer moves them) and has its own batch buffers and gradients.
    /// </summary>
    internal ActorCritic SharingWeights() =>
        new(Trunk.SharingWeights(), new DenseLayer(BidHead), new DenseLayer(AskHead), new DenseLayer(ValueHead), ObservationScale, SquaredFeatures,
            ValueTrunk?.SharingWeights(), TimeScale, TimeProducts);

    private static DenseLayer CloneLayer(DenseLayer layer)
    {
        var copy = new DenseLayer(layer.InputSize, layer.OutputSize, layer.Activation);
        layer.Weights.CopyTo(copy.Weights, 0);
        layer.Bias.CopyTo(copy.Bias, 0);
        return copy;
    }

    private (float[][] Parameters, float[][] Gradients) Collect()
    {
        DenseLayer[] heads = [BidHead, AskHead, ValueHead];
        IReadOnlyList<float[]> valueParameters = ValueTrunk?.Parameters ?? [], valueGradients = ValueTrunk?.Gradients ?? [];
        float[][] parameters = [.. Trunk.Parameters, .. heads.SelectMany(h => new[] { h.Weights, h.Bias }), .. valueParameters];
        float[][] gradients = [.. Trunk.Gradients, .. heads.SelectMany(h => new[] { h.WeightGradients, h.BiasGradients }), .. valueGradients];
        return (parameters, gradients);
    }
}
