using System.Diagnostics;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// One Train call: collect a rollout with the sampling policy, compute GAE advantages, then a few
/// epochs of shuffled minibatch steps on the PPO loss. What depends on the action head (grid or
/// continuous) is the <see cref="IPpoPolicyHead"/>'s. Buffers are allocated here once; the rollout
/// and update loops allocate nothing per step.
/// </summary>
internal sealed class PpoTrainer
{
    // Streams of the training seed: the environment uses 0..Count-1 (its own), these sit far above.
    private const long SamplingStream = 1L << 40;
    private const long ShuffleStream = (1L << 40) + 1;

    private readonly IPpoTrainee _agent;
    private readonly IPpoPolicyHead _head;
    private readonly Adam _optimizer;
    private readonly PpoSettings _settings;
    private readonly RolloutBuffer _buffer;
    private readonly float[] _observations;
    private readonly float[] _episodeRewards;
    private ScalarRandom _sampling;
    private ScalarRandom _shuffle;

    public PpoTrainer(IPpoTrainee agent, IPpoPolicyHead head, Adam optimizer)
    {
        (_agent, _head, _optimizer) = (agent, head, optimizer);
        _settings = agent.Settings;
        _buffer = new RolloutBuffer(_settings.RolloutSteps, head.Count, head.ObservationSize, _settings.MinibatchSize, head.ActionWidth);
        _observations = new float[head.Count * head.ObservationSize];
        _episodeRewards = new float[head.Count];
    }

    public PpoProgress Run(long steps, ulong seed, IProgress<PpoProgress>? progress, CancellationToken cancellationToken)
    {
        _head.Reset(seed, _observations);
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

            long updateStart = Stopwatch.GetTimestamp();
            PpoLossTerms terms = Update();
            _agent.CountRollout(_buffer.Length, Stopwatch.GetElapsedTime(updateStart));
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
        int n = b.Count, o = b.ObservationSize;
        float scale = _settings.RewardScale;
        int episodes = 0;
        double episodeReward = 0;
        for (int t = 0; t < b.Steps; t++)
        {
            int row = t * n;
            _observations.CopyTo(b.Observations.AsSpan(row * o, n * o));
            _head.Act(_observations, b, row, ref _sampling);
            Span<float> rewards = b.Rewards.AsSpan(row, n);
            Span<bool> terminated = b.Terminated.AsSpan(row, n), truncated = b.Truncated.AsSpan(row, n);
            _head.Step(_observations, rewards, terminated, truncated);
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

        _head.Values(_observations, b.LastValues);
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
                b.Gather(start, size);
                PpoLossTerms terms = _head.Gradient(b, size);
                float norm = GradientClipping.ClipByGlobalNorm(_head.Gradients, _settings.MaxGradientNorm);
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
