using System.Diagnostics;
using System.Numerics.Tensors;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// One Train call: collect a rollout with the sampling policy, compute GAE advantages, then a few
/// epochs of shuffled minibatch steps on the PPO loss. Buffers are allocated here once; the
/// rollout and update loops allocate nothing per step.
/// </summary>
internal sealed class PpoTrainer
{
    // Streams of the training seed: the environment uses 0..Count-1 (its own), these sit far above.
    private const long SamplingStream = 1L << 40;
    private const long ShuffleStream = (1L << 40) + 1;

    // Minibatches at least this large are split in two halves, one per network copy, run in
    // parallel and summed in a fixed order: the result does not depend on the core count or timing.
    private const int SplitRows = 256;

    private readonly PpoAgent _agent;
    private readonly Adam _optimizer;
    private readonly IVectorEnvironment _env;
    private readonly ActorCritic _network;
    private readonly PpoSettings _settings;
    private readonly PpoLoss _loss;
    private readonly ActorCritic _worker;
    private readonly PpoLoss _workerLoss;
    private readonly RolloutBuffer _buffer;
    private readonly float[] _observations;
    private readonly int[] _actions;
    private readonly float[] _episodeRewards;
    private readonly float[] _probabilities;
    private ScalarRandom _sampling;
    private ScalarRandom _shuffle;

    public PpoTrainer(PpoAgent agent, Adam optimizer, IVectorEnvironment env)
    {
        (_agent, _optimizer, _env) = (agent, optimizer, env);
        _network = agent.Network;
        _settings = agent.Settings;
        _loss = new PpoLoss(_settings);
        _buffer = new RolloutBuffer(_settings.RolloutSteps, env.Count, env.ObservationSize, _settings.MinibatchSize);
        _network.EnsureBatchCapacity(Math.Max(env.Count, _buffer.MinibatchSize));
        _worker = _network.Clone();
        _worker.EnsureBatchCapacity(_buffer.MinibatchSize);
        _workerLoss = new PpoLoss(_settings);
        _observations = new float[env.Count * env.ObservationSize];
        _actions = new int[env.Count];
        _episodeRewards = new float[env.Count];
        _probabilities = new float[Math.Max(_network.BidCount, _network.AskCount)];
    }

    public PpoProgress Run(long steps, ulong seed, IProgress<PpoProgress>? progress, CancellationToken cancellationToken)
    {
        _env.Reset(seed, _observations);
        _sampling = new ScalarRandom(seed, SamplingStream);
        _shuffle = new ScalarRandom(seed, ShuffleStream);
        Array.Clear(_episodeRewards);
        long start = _agent.EnvironmentSteps, end = start + steps, lastCheckpoint = start;
        var clock = Stopwatch.StartNew();
        PpoProgress? report = null;
        double meanEpisodeReward = double.NaN;
        while (_agent.EnvironmentSteps < end)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _agent.SaveCheckpoint();
                cancellationToken.ThrowIfCancellationRequested();
            }

            float learningRate = _settings.AnnealLearningRate
                ? _settings.LearningRate * Math.Max(0f, 1f - ((float)_agent.EnvironmentSteps / end))
                : _settings.LearningRate;
            _optimizer.LearningRate = learningRate;

            (int episodes, double episodeReward) = Collect();
            if (episodes > 0)
            {
                meanEpisodeReward = episodeReward / episodes;
            }

            PpoLossTerms terms = Update();
            _agent.EnvironmentSteps += _buffer.Length;
            _agent.Updates++;
            double seconds = clock.Elapsed.TotalSeconds;
            report = new PpoProgress(
                _agent.EnvironmentSteps, _agent.Updates, (_agent.EnvironmentSteps - start) / Math.Max(seconds, 1e-9),
                meanEpisodeReward, episodes, clock.Elapsed, learningRate, terms);
            progress?.Report(report);
            if (_agent.CheckpointPath is not null && _agent.EnvironmentSteps - lastCheckpoint >= _agent.CheckpointInterval)
            {
                _agent.SaveCheckpoint();
                lastCheckpoint = _agent.EnvironmentSteps;
            }
        }

        _agent.SaveCheckpoint();
        return report!;
    }

    /// <summary>Steps every trajectory RolloutSteps times with sampled actions; returns the episodes that ended and their summed rewards.</summary>
    private (int Episodes, double Reward) Collect()
    {
        RolloutBuffer b = _buffer;
        int n = b.Count, o = b.ObservationSize, bids = _network.BidCount, asks = _network.AskCount;
        float scale = _settings.RewardScale;
        int episodes = 0;
        double episodeReward = 0;
        for (int t = 0; t < b.Steps; t++)
        {
            int row = t * n;
            _observations.CopyTo(b.Observations.AsSpan(row * o, n * o));
            _network.Forward(_observations, out ReadOnlySpan<float> bidLogits, out ReadOnlySpan<float> askLogits, out ReadOnlySpan<float> values);
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<float> bidRow = bidLogits.Slice(i * bids, bids);
                ReadOnlySpan<float> askRow = askLogits.Slice(i * asks, asks);
                int bid = Sample(bidRow), ask = Sample(askRow);
                b.Bids[row + i] = bid;
                b.Asks[row + i] = ask;
                b.LogProbabilities[row + i] = Categorical.LogProbability(bidRow, bid) + Categorical.LogProbability(askRow, ask);
                b.Values[row + i] = values[i];
                _actions[i] = (bid * asks) + ask;
            }

            Span<float> rewards = b.Rewards.AsSpan(row, n);
            Span<bool> terminated = b.Terminated.AsSpan(row, n), truncated = b.Truncated.AsSpan(row, n);
            _env.Step(_actions, _observations, rewards, terminated, truncated);
            for (int i = 0; i < n; i++)
            {
                _episodeRewards[i] += rewards[i];
                if (terminated[i] || truncated[i])
                {
                    episodes++;
                    episodeReward += _episodeRewards[i];
                    _episodeRewards[i] = 0;
                }

                rewards[i] *= scale;
            }
        }

        _network.Forward(_observations, out _, out _, out ReadOnlySpan<float> lastValues);
        lastValues.CopyTo(b.LastValues);
        GeneralizedAdvantage.Compute(
            b.Steps, n, b.Rewards, b.Values, b.Terminated, b.Truncated, b.LastValues, _settings.Discount, _settings.GaeLambda, b.Advantages, b.Returns);
        if (_settings.NormalizeAdvantages)
        {
            Normalize(b.Advantages);
        }

        return (episodes, episodeReward);
    }

    /// <summary>Epochs of shuffled minibatches; returns the last epoch's mean loss terms.</summary>
    private PpoLossTerms Update()
    {
        RolloutBuffer b = _buffer;
        int[] order = b.Order;
        for (int k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        double loss = 0, policy = 0, value = 0, entropy = 0, kl = 0, clipped = 0;
        int batches = 0;
        for (int epoch = 0; epoch < _settings.Epochs; epoch++)
        {
            Shuffle(order);
            bool last = epoch == _settings.Epochs - 1;
            for (int start = 0; start < order.Length; start += b.MinibatchSize)
            {
                int size = Math.Min(b.MinibatchSize, order.Length - start);
                PpoLossTerms terms = Gradients(start, size);
                float norm = GradientClipping.ClipByGlobalNorm(_network.Gradients, _settings.MaxGradientNorm);
                if (float.IsFinite(norm))
                {
                    _optimizer.ApplyGradients();
                }

                if (last)
                {
                    (loss, policy, value, entropy, kl, clipped) = (loss + terms.Loss, policy + terms.Policy, value + terms.Value,
                        entropy + terms.Entropy, kl + terms.ApproximateKl, clipped + terms.ClipFraction);
                    batches++;
                }
            }
        }

        return new PpoLossTerms(loss / batches, policy / batches, value / batches, entropy / batches, kl / batches, clipped / batches);
    }

    /// <summary>
    /// Gathers minibatch rows Order[start..start + size) and leaves ∂loss/∂parameters in the
    /// network's gradients. Large minibatches are halved: the first half on the network, the second
    /// on a weight copy, in parallel; the copy's gradients are then added, always in that order.
    /// </summary>
    private PpoLossTerms Gradients(int start, int size)
    {
        RolloutBuffer b = _buffer;
        b.Gather(start, size);
        _network.ZeroGradients();
        if (size < SplitRows)
        {
            return _loss.Accumulate(_network, b.View(0, size));
        }

        IReadOnlyList<float[]> parameters = _network.Parameters, workerParameters = _worker.Parameters;
        for (int k = 0; k < parameters.Count; k++)
        {
            parameters[k].CopyTo(workerParameters[k], 0);
        }

        _worker.ZeroGradients();
        int half = size / 2;
        PpoLossTerms first = default, second = default;
        Parallel.Invoke(
            () => first = _loss.Accumulate(_network, b.View(0, half), size),
            () => second = _workerLoss.Accumulate(_worker, b.View(half, size - half), size));
        IReadOnlyList<float[]> gradients = _network.Gradients, workerGradients = _worker.Gradients;
        for (int k = 0; k < gradients.Count; k++)
        {
            TensorPrimitives.Add(gradients[k], workerGradients[k], gradients[k]);
        }

        return new PpoLossTerms(
            first.Loss + second.Loss, first.Policy + second.Policy, first.Value + second.Value,
            first.Entropy + second.Entropy, first.ApproximateKl + second.ApproximateKl, first.ClipFraction + second.ClipFraction);
    }

    /// <summary>Inverse CDF of softmax(logits) with the sampling stream.</summary>
    private int Sample(ReadOnlySpan<float> logits)
    {
        Span<float> p = _probabilities.AsSpan(0, logits.Length);
        Softmax.Compute(logits, p);
        double u = _sampling.NextUniform(), cumulative = 0;
        for (int j = 0; j < p.Length; j++)
        {
            cumulative += p[j];
            if (u < cumulative)
            {
                return j;
            }
        }

        return p.Length - 1; // rounding left the total just under 1
    }

    private void Shuffle(int[] order)
    {
        for (int k = order.Length - 1; k > 0; k--)
        {
            int j = _shuffle.NextInt(k + 1);
            (order[k], order[j]) = (order[j], order[k]);
        }
    }

    /// <summary>Zero mean, unit standard deviation over the rollout, so the step size does not depend on the reward scale.</summary>
    private static void Normalize(Span<float> values)
    {
        double sum = 0, squares = 0;
        foreach (float v in values)
        {
            sum += v;
            squares += (double)v * v;
        }

        double mean = sum / values.Length;
        double std = Math.Sqrt(Math.Max(0, (squares / values.Length) - (mean * mean)));
        float m = (float)mean, inverse = (float)(1 / (std + 1e-8));
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = (values[k] - m) * inverse;
        }
    }
}
