using System.Diagnostics.CodeAnalysis;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// A gym-style environment over <see cref="Count"/> trajectories stepped together: Reset(seed) →
/// observations; Step(actions) → observations, rewards, terminated, truncated. Buffers are the
/// caller's (row-major, Count × ObservationSize), so a step allocates nothing. A trajectory whose
/// episode ends is reset at once: the observation returned is the new episode's first.
/// </summary>
public interface IVectorEnvironment
{
    int Count { get; }

    int ObservationSize { get; }

    int ActionCount { get; }

    void Reset(ulong seed, Span<float> observations);

    /// <param name="terminated">The episode reached its horizon (a terminal state).</param>
    /// <param name="truncated">The episode was cut short (not used by the model market; its episodes always end at T).</param>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Step is the gym API's name, which RL users expect")]
    void Step(ReadOnlySpan<int> actions, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated);
}
