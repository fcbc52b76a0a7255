using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The PPO loss of <see cref="PpoLoss"/> for continuous depths: the same clipped surrogate and value
/// error, with π the Gaussian of <see cref="SquashedGaussian"/> squashed by tanh or clipped
/// (<see cref="ActionSquash"/>; means from the network's two one-output heads, one state-independent
/// log σ per side) and the entropy bonus on the Gaussian before the squash. Scratch buffers grow with
/// the largest minibatch.
/// </summary>
public sealed class ContinuousPpoLoss
{
    private float[] _bidGradient = [];
    private float[] _askGradient = [];
    private float[] _valueGradient = [];

    public ContinuousPpoLoss(PpoSettings settings, ActionSquash squash = ActionSquash.Tanh)
    {
        ArgumentNullException.ThrowIfNull(settings);
        (Settings, Squash) = (settings, squash);
    }

    public PpoSettings Settings { get; }

    public ActionSquash Squash { get; }

    /// <summary>
    /// Runs the network forward on the samples and adds ∂loss/∂parameters to its gradients and to
    /// <paramref name="logStdGradient"/> (neither cleared here), every row weighted 1/<paramref name="minibatchRows"/>.
    /// </summary>
    public PpoLossTerms Accumulate(ActorCritic network, ReadOnlySpan<float> logStd, Span<float> logStdGradient, in PpoSamples samples, int minibatchRows)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = samples.Count;
        if (m == 0 || samples.Actions.Length != 2 * m)
        {
            throw new ArgumentException($"expected {m} rows of two pre-squash actions, got {samples.Actions.Length} values", nameof(samples));
        }

        if (network.BidCount != 1 || network.AskCount != 1)
        {
            throw new ArgumentException("a continuous head outputs one mean per side", nameof(network));
        }

        Reserve(m);
        network.Forward(samples.Observations, out ReadOnlySpan<float> bidMeans, out ReadOnlySpan<float> askMeans, out ReadOnlySpan<float> values);
        float weight = 1f / minibatchRows;
        float clipRange = Settings.ClipRange, entropyCoefficient = Settings.EntropyCoefficient;
        double policy = 0, value = 0, kl = 0;
        int clippedRows = 0;
        Span<float> mean = stackalloc float[2], meanGradient = stackalloc float[2], rowLogStdGradient = stackalloc float[2];
        for (int row = 0; row < m; row++)
        {
            (mean[0], mean[1]) = (bidMeans[row], askMeans[row]);
            ReadOnlySpan<float> action = samples.Actions.Slice(2 * row, 2);
            float logRatio = (float)Squash.LogProbability(mean, logStd, action) - samples.OldLogProbabilities[row];
            float ratio = MathF.Exp(logRatio);
            float surrogate = PpoLoss.ClippedSurrogate(ratio, samples.Advantages[row], clipRange, out float ratioGradient);
            policy -= surrogate;
            kl += (ratio - 1) - logRatio;
            if (Math.Abs(ratio - 1) > clipRange)
            {
                clippedRows++;
            }

            // ∂(−S/m)/∂log π = −∂S/∂r · r / m; the entropy bonus −c·H/m has ∂/∂sₖ = −c/m.
            float logProbabilityGradient = -ratioGradient * ratio * weight;
            SquashedGaussian.LogProbabilityGradient(mean, logStd, action, meanGradient, rowLogStdGradient);
            _bidGradient[row] = logProbabilityGradient * meanGradient[0];
            _askGradient[row] = logProbabilityGradient * meanGradient[1];
            for (int k = 0; k < 2; k++)
            {
                logStdGradient[k] += (logProbabilityGradient * rowLogStdGradient[k]) - (entropyCoefficient * weight);
            }

            value += PpoLoss.ValueLoss(values[row], samples.OldValues[row], samples.Returns[row], Settings.ValueClipRange, out float valueGradient);
            _valueGradient[row] = Settings.ValueCoefficient * weight * valueGradient;
        }

        network.Backward(_bidGradient.AsSpan(0, m), _askGradient.AsSpan(0, m), _valueGradient.AsSpan(0, m));
        double entropy = SquashedGaussian.GaussianEntropy(logStd) * m / minibatchRows;
        policy /= minibatchRows;
        value /= minibatchRows;
        return new PpoLossTerms(
            policy + (Settings.ValueCoefficient * value) - (entropyCoefficient * entropy), policy, value, entropy, kl / minibatchRows, (double)clippedRows / minibatchRows);
    }

    private void Reserve(int rows)
    {
        if (_valueGradient.Length < rows)
        {
            (_bidGradient, _askGradient, _valueGradient) = (new float[rows], new float[rows], new float[rows]);
        }
    }
}
