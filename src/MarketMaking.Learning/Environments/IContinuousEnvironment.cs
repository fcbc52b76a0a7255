namespace MarketMaking.Learning.Environments;

/// <summary>
/// A vectorized environment whose actions are continuous: a bid and an ask depth per trajectory,
/// inside <see cref="Depths"/>. Same conventions as <see cref="IVectorEnvironment"/>: the
/// caller's buffers, no allocation per step, a finished trajectory is reset at once.
/// </summary>
public interface IContinuousEnvironment
{
    int Count { get; }

    int ObservationSize { get; }

    /// <summary>Where a depth may lie; depths outside are clamped into it.</summary>
    DepthRange Depths { get; }

    void Reset(ulong seed, Span<float> observations);

    /// <param name="depths">Count × 2: bid depth then ask depth of each trajectory.</param>
    /// <param name="observations">Receives the next observations.</param>
    /// <param name="rewards">Receives one reward per trajectory.</param>
    /// <param name="terminated">The episode reached its horizon.</param>
    /// <param name="truncated">The episode was cut short.</param>
    void StepDepths(ReadOnlySpan<double> depths, Span<float> observations, Span<float> rewards, Span<bool> terminated, Span<bool> truncated);
}
