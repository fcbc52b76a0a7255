using System.Numerics.Tensors;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// PPO's grid head: bid and ask depths sampled from the two categorical heads of an
/// <see cref="ActorCritic"/>, the joint action bid·AskCount + ask for the environment.
/// </summary>
internal sealed class GridPpoHead : IPpoPolicyHead
{
    // Minibatches at least this large are split in two halves, one on the network and one on a
    // view of it sharing its weights, run in parallel; their gradients are summed in a fixed
    // order, so the result does not depend on the core count or timing.
    private const int SplitRows = 256;

    private readonly ActorCritic _network;
    private readonly IVectorEnvironment _env;
    private readonly PpoLoss _loss;
    private readonly ActorCritic _worker;
    private readonly PpoLoss _workerLoss;
    private readonly int[] _actions;
    private readonly float[] _probabilities;

    public GridPpoHead(ActorCritic network, PpoSettings settings, IVectorEnvironment env)
    {
        (_network, _env) = (network, env);
        int minibatch = Math.Min(settings.MinibatchSize, settings.RolloutSteps * env.Count);
        _loss = new PpoLoss(settings);
        _network.EnsureBatchCapacity(Math.Max(env.Count, minibatch));
        _worker = _network.SharingWeights();
        _worker.EnsureBatchCapacity(minibatch);
        _workerLoss = new PpoLoss(settings);
        _actions = new int[env.Count];
        _probabilities = new float[Math.Max(_network.BidCount, _network.AskCount)];
    }

    public int Count => _env.Count;

    public int ObservationSize => _env.ObservationSize;

    public int ActionWidth => 0;

    public IReadOnlyList<float[]> Gradients => _network.Gradients;

    public void Reset(ulong seed, Span<float> observations) => _env.Reset(seed, observations);

    public void Act(ReadOnlySpan<float> observations, RolloutBuffer buffer, int row, ref ScalarRandom sampling)
    {
        int bids = _network.BidCount, asks = _network.AskCount;
        _network.Forward(observations, out ReadOnlySpan<float> bidLogits, out ReadOnlySpan<float> askLogits, out ReadOnlySpan<float> values);
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<float> bidRow = bidLogits.Slice(i * bids, bids);
            ReadOnlySpan<float> askRow = askLogits.Slice(i * asks, asks);
            int bid = Sample(bidRow, ref sampling), ask = Sample(askRow, ref sampling);
            buffer.Bids[row + i] = bid;
            buffer.Asks[row + i] = ask;
            buffer.LogProbabilities[row + i] = Categorical.LogProbability(bidRow, bid) + Categorical.LogProbability(askRow, ask);
            buffer.Values[row + i] = values[i];
            _actions[i] = (bid * asks) + ask;
        }
    }

    public void Step(Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated) =>
        _env.Step(_actions, observations, rewards, terminated, truncated);

    public void Values(ReadOnlySpan<float> observations, Span<float> values)
    {
        _network.Forward(observations, out _, out _, out ReadOnlySpan<float> v);
        v.CopyTo(values);
    }

    /// <summary>
    /// Large minibatches are halved: the first half on the network, the second on the worker that
    /// reads the same weights, in parallel; the worker's gradients are then added, always in that order.
    /// </summary>
    public PpoLossTerms Gradient(RolloutBuffer buffer, int size)
    {
        if (size < SplitRows)
        {
            _network.ZeroGradients();
            return _loss.Accumulate(_network, buffer.View(0, size));
        }

        // Each thread clears its own gradients, so nothing runs alone before the halves.
        int half = size / 2;
        PpoLossTerms first = default, second = default;
        Parallel.Invoke(
            () =>
            {
                _network.ZeroGradients();
                first = _loss.Accumulate(_network, buffer.View(0, half), size);
            },
            () =>
            {
                _worker.ZeroGradients();
                second = _workerLoss.Accumulate(_worker, buffer.View(half, size - half), size);
            });
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
    private int Sample(ReadOnlySpan<float> logits, ref ScalarRandom sampling)
    {
        Span<float> p = _probabilities.AsSpan(0, logits.Length);
        Softmax.Compute(logits, p);
        double u = sampling.NextUniform(), cumulative = 0;
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
}
