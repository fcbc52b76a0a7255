namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// Turns each trajectory's one-step transitions into n-step ones for the replay buffer: it holds
/// the last n (s, a, r) of every trajectory and, once n are held, stores
/// (s_t, a_t, r_t + γr_{t+1} + … + γⁿ⁻¹r_{t+n-1}, s_{t+n}, n). When an episode terminates, every
/// held step is stored with the rewards to the end and no bootstrap; when it is truncated (the next
/// observation already belongs to the next episode) the held steps are dropped. Allocation free.
/// </summary>
internal sealed class NStepAccumulator
{
    private readonly int _n;
    private readonly int _observationSize;
    private readonly float _gamma;
    private readonly float[] _observations;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly int[] _start;
    private readonly int[] _length;

    public NStepAccumulator(int trajectories, int observationSize, int n, float gamma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _n = n;
        _observationSize = observationSize;
        _gamma = gamma;
        _observations = new float[trajectories * n * observationSize];
        _actions = new int[trajectories * n];
        _rewards = new float[trajectories * n];
        _start = new int[trajectories];
        _length = new int[trajectories];
    }

    public int Trajectories => _start.Length;

    /// <summary>Steps of trajectory <paramref name="i"/> waiting for their n-step return.</summary>
    public int Pending(int i) => _length[i];

    public void Add(int i, ReadOnlySpan<float> observation, int action, float reward, ReadOnlySpan<float> next, bool terminated, bool truncated, ReplayBuffer buffer)
    {
        if (truncated)
        {
            _length[i] = 0;
            return;
        }

        int d = _observationSize;
        int slot = (_start[i] + _length[i]) % _n;
        int row = (i * _n) + slot;
        observation[..d].CopyTo(_observations.AsSpan(row * d, d));
        _actions[row] = action;
        _rewards[row] = reward;
        _length[i]++;

        if (terminated)
        {
            while (_length[i] > 0)
            {
                Emit(i, next, terminal: true, buffer);
            }

            _start[i] = 0;
        }
        else if (_length[i] == _n)
        {
            Emit(i, next, terminal: false, buffer);
        }
    }

    /// <summary>Forgets every held step (the environment is about to be reset).</summary>
    public void Clear()
    {
        Array.Clear(_start);
        Array.Clear(_length);
    }

    /// <summary>Stores the oldest held step of trajectory i with the discounted sum of the held rewards, and drops it.</summary>
    private void Emit(int i, ReadOnlySpan<float> next, bool terminal, ReplayBuffer buffer)
    {
        int count = _length[i], first = _start[i];
        float sum = 0, discount = 1;
        for (int k = 0; k < count; k++)
        {
            sum += discount * _rewards[(i * _n) + ((first + k) % _n)];
            discount *= _gamma;
        }

        int row = (i * _n) + first;
        buffer.Add(_observations.AsSpan(row * _observationSize, _observationSize), _actions[row], sum, next, terminal, count);
        _start[i] = (first + 1) % _n;
        _length[i] = count - 1;
    }
}
