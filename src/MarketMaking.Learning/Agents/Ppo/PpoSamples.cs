namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>A minibatch for <see cref="PpoLoss"/>: rows of observations and, per row, what the rollout recorded.</summary>
public readonly ref struct PpoSamples(
    ReadOnlySpan<float> observations,
    ReadOnlySpan<int> bids,
    ReadOnlySpan<int> asks,
    ReadOnlySpan<float> oldLogProbabilities,
    ReadOnlySpan<float> advantages,
    ReadOnlySpan<float> returns,
    ReadOnlySpan<float> oldValues,
    ReadOnlySpan<float> actions = default)
{
    public ReadOnlySpan<float> Observations { get; } = observations;

    public ReadOnlySpan<int> Bids { get; } = bids;

    public ReadOnlySpan<int> Asks { get; } = asks;

    /// <summary>log π_old(bid, ask) = log π_bid + log π_ask when the action was sampled (a continuous policy's joint log-density).</summary>
    public ReadOnlySpan<float> OldLogProbabilities { get; } = oldLogProbabilities;

    public ReadOnlySpan<float> Advantages { get; } = advantages;

    /// <summary>Value targets: advantage + the rollout's value.</summary>
    public ReadOnlySpan<float> Returns { get; } = returns;

    /// <summary>The rollout's value estimates (the centre of value clipping).</summary>
    public ReadOnlySpan<float> OldValues { get; } = oldValues;

    /// <summary>A continuous policy's pre-squash actions (bid then ask per row); empty for a grid policy.</summary>
    public ReadOnlySpan<float> Actions { get; } = actions;

    public int Count => Advantages.Length;
}
