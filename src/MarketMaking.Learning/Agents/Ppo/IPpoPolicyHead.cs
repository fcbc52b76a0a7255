using MarketMaking.Core.Randomness;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// The part of a PPO update that depends on the action head (a depth grid or continuous depths):
/// sampling actions into the rollout and stepping the environment with them, values for the
/// bootstrap, and the minibatch gradient. <see cref="PpoTrainer"/> does the rest (rollout loop,
/// GAE, epochs, shuffling, clipping, optimizer) the same way for both.
/// </summary>
internal interface IPpoPolicyHead
{
    /// <summary>Trajectories stepped together.</summary>
    int Count { get; }

    int ObservationSize { get; }

    /// <summary>Continuous action values recorded per step (0 for a grid).</summary>
    int ActionWidth { get; }

    /// <summary>The gradients the loss fills, for clipping (the optimizer holds the same arrays).</summary>
    IReadOnlyList<float[]> Gradients { get; }

    void Reset(ulong seed, Span<float> observations);

    /// <summary>Samples an action per trajectory at rollout row <paramref name="row"/> (t·Count), recording it, its log π and V.</summary>
    void Act(ReadOnlySpan<float> observations, RolloutBuffer buffer, int row, ref ScalarRandom sampling);

    /// <summary>Steps the environment with the actions the last Act chose.</summary>
    void Step(Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated);

    void Values(ReadOnlySpan<float> observations, Span<float> values);

    /// <summary>Leaves ∂loss/∂parameters of the <paramref name="size"/> gathered minibatch rows in <see cref="Gradients"/> (cleared first).</summary>
    PpoLossTerms Gradient(RolloutBuffer buffer, int size);
}
