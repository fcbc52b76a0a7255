using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The PPO actor-critic loss of a minibatch and its gradient: the clipped surrogate
/// −min(r·Â, clip(r, 1 − ε, 1 + ε)·Â) with r = π(a|s)/π_old(a|s), a squared value error
/// (optionally clipped around the rollout's value), and an entropy bonus, each averaged over rows.
/// Scratch buffers are owned and grow with the largest minibatch, so an update allocates nothing.
/// </summary>
public sealed class PpoLoss
{
    private float[] _bidGradient = [];
    private float[] _askGradient = [];
    private float[] _valueGradient = [];
    private readonly float[] _bidEntropyGradient;
    private readonly float[] _askEntropyGradient;

    public PpoLoss(float clipRange, float valueClipRange, float valueCoefficient, float entropyCoefficient, int maxActions = 256)
    {
        (ClipRange, ValueClipRange, ValueCoefficient, EntropyCoefficient) = (clipRange, valueClipRange, valueCoefficient, entropyCoefficient);
        (_bidEntropyGradient, _askEntropyGradient) = (new float[maxActions], new float[maxActions]);
    }

    public PpoLoss(PpoSettings settings)
        : this(Required(settings).ClipRange, settings.ValueClipRange, settings.ValueCoefficient, settings.EntropyCoefficient)
    {
    }

    public float ClipRange { get; }

    public float ValueClipRange { get; }

    public float ValueCoefficient { get; }

    public float EntropyCoefficient { get; }

    /// <summary>
    /// S = min(r·Â, clip(r)·Â) and ∂S/∂r: Â where the unclipped term is the minimum (inside the
    /// range, or outside it on the side that makes the objective worse), 0 where the clip holds.
    /// </summary>
    public static float ClippedSurrogate(float ratio, float advantage, float clipRange, out float ratioGradient)
    {
        float unclipped = ratio * advantage;
        float clipped = Math.Clamp(ratio, 1 - clipRange, 1 + clipRange) * advantage;
        if (unclipped <= clipped)
        {
            ratioGradient = advantage;
            return unclipped;
        }

        ratioGradient = 0;
        return clipped;
    }

    /// <summary>
    /// Runs the network forward on the samples and adds ∂loss/∂parameters to its gradients (not
    /// cleared here), returning the loss and its parts.
    /// </summary>
    public PpoLossTerms Accumulate(ActorCritic network, in PpoSamples samples) => Accumulate(network, samples, samples.Count);

    /// <summary>
    /// The same for a part of a minibatch of <paramref name="minibatchRows"/> rows: every row is
    /// weighted 1/minibatchRows, so the gradients and terms of the parts add up to the whole
    /// minibatch's (up to float rounding). Lets the parts run on separate network copies.
    /// </summary>
    public PpoLossTerms Accumulate(ActorCritic network, in PpoSamples samples, int minibatchRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = samples.Count;
        int bids = network.BidCount, asks = network.AskCount;
        if (m == 0)
        {
            throw new ArgumentException("an empty minibatch", nameof(samples));
        }

        if (minibatchRows < m)
        {
            throw new ArgumentOutOfRangeException(nameof(minibatchRows), $"the minibatch has at least the part's {m} rows, got {minibatchRows}");
        }

        if (Math.Max(bids, asks) > _bidEntropyGradient.Length)
        {
            throw new InvalidOperationException($"heads wider than {_bidEntropyGradient.Length} actions");
        }

        Reserve(m, bids, asks);
        network.Forward(samples.Observations, out ReadOnlySpan<float> bidLogits, out ReadOnlySpan<float> askLogits, out ReadOnlySpan<float> values);
        Span<float> bidEntropyGradient = _bidEntropyGradient.AsSpan(0, bids), askEntropyGradient = _askEntropyGradient.AsSpan(0, asks);
        double policy = 0, value = 0, entropy = 0, kl = 0;
        int clippedRows = 0;
        float weight = 1f / minibatchRows;
        for (int row = 0; row < m; row++)
        {
            ReadOnlySpan<float> bidRow = bidLogits.Slice(row * bids, bids);
            ReadOnlySpan<float> askRow = askLogits.Slice(row * asks, asks);
            Span<float> bidGradient = _bidGradient.AsSpan(row * bids, bids);
            Span<float> askGradient = _askGradient.AsSpan(row * asks, asks);

            // log π = log π_bid + log π_ask; the gradient spans hold ∂log π/∂z for now.
            (float bidLogProbability, float bidEntropy) = Categorical.LogProbabilityAndEntropy(bidRow, samples.Bids[row], bidGradient, bidEntropyGradient);
            (float askLogProbability, float askEntropy) = Categorical.LogProbabilityAndEntropy(askRow, samples.Asks[row], askGradient, askEntropyGradient);
            float logProbability = bidLogProbability + askLogProbability;
            float logRatio = logProbability - samples.OldLogProbabilities[row];
            float ratio = MathF.Exp(logRatio);
            float surrogate = ClippedSurrogate(ratio, samples.Advantages[row], ClipRange, out float ratioGradient);
            policy -= surrogate;
            kl += (ratio - 1) - logRatio;
            if (Math.Abs(ratio - 1) > ClipRange)
            {
                clippedRows++;
            }

            // ∂(−S/m)/∂log π = −∂S/∂r · r / m.
            float logProbabilityGradient = -ratioGradient * ratio * weight;
            float entropyWeight = -EntropyCoefficient * weight;
            Combine(bidGradient, logProbabilityGradient, entropyWeight, bidEntropyGradient);
            Combine(askGradient, logProbabilityGradient, entropyWeight, askEntropyGradient);
            entropy += bidEntropy;
            entropy += askEntropy;

            value += ValueLoss(values[row], samples.OldValues[row], samples.Returns[row], ValueClipRange, out float valueGradient);
            _valueGradient[row] = ValueCoefficient * weight * valueGradient;
        }

        network.Backward(_bidGradient.AsSpan(0, m * bids), _askGradient.AsSpan(0, m * asks), _valueGradient.AsSpan(0, m));
        policy /= minibatchRows;
        value /= minibatchRows;
        entropy /= minibatchRows;
        return new PpoLossTerms(
            policy + (ValueCoefficient * value) - (EntropyCoefficient * entropy), policy, value, entropy, kl / minibatchRows, (double)clippedRows / minibatchRows);
    }

    /// <summary>½(V − R)², or with clipping ½·max((V − R)², (V_old + clip(V − V_old, ±ε) − R)²); returns it and ∂/∂V.</summary>
    internal static float ValueLoss(float v, float oldValue, float target, float clipRange, out float gradient)
    {
        float error = v - target;
        if (clipRange <= 0)
        {
            gradient = error;
            return 0.5f * error * error;
        }

        float change = v - oldValue;
        float clippedChange = Math.Clamp(change, -clipRange, clipRange);
        float clippedError = oldValue + clippedChange - target;
        if (error * error >= clippedError * clippedError)
        {
            gradient = error;
            return 0.5f * error * error;
        }

        gradient = clippedChange == change ? clippedError : 0;
        return 0.5f * clippedError * clippedError;
    }

    /// <summary>gradient ← g·∂log π/∂z + w·∂H/∂z for one head (the span holds ∂log π/∂z on entry).</summary>
    private static void Combine(Span<float> gradient, float logProbabilityGradient, float entropyWeight, ReadOnlySpan<float> entropyGradient)
    {
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] = (logProbabilityGradient * gradient[j]) + (entropyWeight * entropyGradient[j]);
        }
    }

    private void Reserve(int rows, int bids, int asks)
    {
        if (_valueGradient.Length < rows)
        {
            _valueGradient = new float[rows];
        }

        if (_bidGradient.Length < rows * bids)
        {
            _bidGradient = new float[rows * bids];
        }

        if (_askGradient.Length < rows * asks)
        {
            _askGradient = new float[rows * asks];
        }
    }

    private static PpoSettings Required(PpoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings;
    }
}
