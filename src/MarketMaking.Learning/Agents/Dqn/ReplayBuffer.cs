using MarketMaking.Core.Randomness;

namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// Transitions (s, a, r, s′, terminal, k) in a ring of flat arrays allocated once: when full, the
/// oldest is overwritten, so adding and sampling allocate nothing. For an n-step transition r is
/// the discounted sum of k rewards and s′ the state k steps later (k = 1 for a one-step one).
/// </summary>
public sealed class ReplayBuffer
{
    private readonly float[] _observations;
    private readonly float[] _next;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminal;
    private readonly int[] _stepCounts;
    private int _position;

    public ReplayBuffer(int capacity, int observationSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        Capacity = capacity;
        ObservationSize = observationSize;
        _observations = new float[capacity * observationSize];
        _next = new float[capacity * observationSize];
        _actions = new int[capacity];
        _rewards = new float[capacity];
        _terminal = new bool[capacity];
        _stepCounts = new int[capacity];
    }

    public int Capacity { get; }

    public int ObservationSize { get; }

    public int Count { get; private set; }

    /// <summary>Transitions ever added (the slot written next is Added mod Capacity).</summary>
    public long Added { get; private set; }

    /// <summary>Stores a transition; <paramref name="stepCount"/> is how many environment steps <paramref name="reward"/> sums (the target bootstraps with γ^stepCount).</summary>
    public void Add(ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> next, bool terminal, int stepCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepCount, 1);
        int d = ObservationSize;
        observation[..d].CopyTo(_observations.AsSpan(_position * d, d));
        next[..d].CopyTo(_next.AsSpan(_position * d, d));
        _actions[_position] = action;
        _rewards[_position] = reward;
        _terminal[_position] = terminal;
        _stepCounts[_position] = stepCount;
        _position = _position + 1 == Capacity ? 0 : _position + 1;
        Count = Math.Min(Count + 1, Capacity);
        Added++;
    }

    public ReadOnlySpan<float> Observation(int slot) => _observations.AsSpan(slot * ObservationSize, ObservationSize);

    public ReadOnlySpan<float> Next(int slot) => _next.AsSpan(slot * ObservationSize, ObservationSize);

    public int Action(int slot) => _actions[slot];

    public float Reward(int slot) => _rewards[slot];

    public bool Terminal(int slot) => _terminal[slot];

    public int StepCount(int slot) => _stepCounts[slot];

    /// <summary>Fills the batch with transitions drawn uniformly with replacement (one row per element of <paramref name="actions"/>).</summary>
    public void Sample(ref ScalarRandom random, Span<float> observations, Span<int> actions, Span<float> rewards, Span<float> next, Span<bool> terminal) =>
        Sample(ref random, observations, actions, rewards, next, terminal, default);

    /// <summary>As above, also filling each row's step count when <paramref name="stepCounts"/> is not empty.</summary>
    public void Sample(ref ScalarRandom random, Span<float> observations, Span<int> actions, Span<float> rewards, Span<float> next, Span<bool> terminal, Span<int> stepCounts)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("the replay buffer is empty");
        }

        int d = ObservationSize;
        for (int b = 0; b < actions.Length; b++)
        {
            int slot = random.NextInt(Count);
            Observation(slot).CopyTo(observations.Slice(b * d, d));
            Next(slot).CopyTo(next.Slice(b * d, d));
            actions[b] = _actions[slot];
            rewards[b] = _rewards[slot];
            terminal[b] = _terminal[slot];
            if (!stepCounts.IsEmpty)
            {
                stepCounts[b] = _stepCounts[slot];
            }
        }
    }
}
