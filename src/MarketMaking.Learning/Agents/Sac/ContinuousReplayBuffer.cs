using MarketMaking.Core.Randomness;

namespace MarketMaking.Learning.Agents.Sac;

/// <summary>
/// Transitions (s, a, r, s′, terminal) with a vector action, in a ring of flat arrays allocated
/// once: when full the oldest is overwritten, so adding and sampling allocate nothing.
/// </summary>
public sealed class ContinuousReplayBuffer
{
    private readonly float[] _observations;
    private readonly float[] _next;
    private readonly float[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminal;
    private int _position;

    public ContinuousReplayBuffer(int capacity, int observationSize, int actionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionSize, 1);
        (Capacity, ObservationSize, ActionSize) = (capacity, observationSize, actionSize);
        _observations = new float[capacity * observationSize];
        _next = new float[capacity * observationSize];
        _actions = new float[capacity * actionSize];
        _rewards = new float[capacity];
        _terminal = new bool[capacity];
    }

    public int Capacity { get; }

    public int ObservationSize { get; }

    public int ActionSize { get; }

    public int Count { get; private set; }

    public void Add(ReadOnlySpan<float> observation, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> next, bool terminal)
    {
        int d = ObservationSize, k = ActionSize;
        observation[..d].CopyTo(_observations.AsSpan(_position * d, d));
        next[..d].CopyTo(_next.AsSpan(_position * d, d));
        action[..k].CopyTo(_actions.AsSpan(_position * k, k));
        _rewards[_position] = reward;
        _terminal[_position] = terminal;
        _position = _position + 1 == Capacity ? 0 : _position + 1;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Fills the batch (one row per reward) with transitions drawn uniformly with replacement.</summary>
    public void Sample(ref ScalarRandom random, Span<float> observations, Span<float> actions, Span<float> rewards, Span<float> next, Span<bool> terminal)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the replay buffer is empty");
        }

        int d = ObservationSize, k = ActionSize;
        for (int b = 0; b < rewards.Length; b++)
        {
            int slot = random.NextInt(Count);
            _observations.AsSpan(slot * d, d).CopyTo(observations.Slice(b * d, d));
            _next.AsSpan(slot * d, d).CopyTo(next.Slice(b * d, d));
            _actions.AsSpan(slot * k, k).CopyTo(actions.Slice(b * k, k));
            rewards[b] = _rewards[slot];
            terminal[b] = _terminal[slot];
        }
    }
}
