using System.Numerics.Tensors;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Learning.Agents.QLearning;

/// <summary>
/// Tabular Q-learning on a vectorized environment: each vector step gives one transition per
/// trajectory and each updates its (state, action) cell at once (one-step targets, double
/// Q-learning by default). The greedy policy over the table is the agent's
/// <see cref="IDiscretePolicy"/>: read only, so thread safe once training is over.
/// <code>
/// var env = new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 64);
/// var settings = new QLearningSettings { TimeBins = 10, FactoredAskCount = 12, EpsilonDecaySteps = 200_000_000 };
/// var agent = new QLearningAgent(settings, env.ActionCount);
/// agent.Train(env, 400_000_000, seed: 1); // 1 to 2 minutes: about 77% of the constant-to-optimal gap
/// var strategy = new PolicyStrategy("q", agent, EnvironmentPresets.CarteaJaimungal);
/// </code>
/// </summary>
public sealed class QLearningAgent : IDiscretePolicy
{
    private readonly double[] _first;
    private readonly double[]? _second;
    private readonly long[] _firstVisits;
    private readonly long[]? _secondVisits;
    private readonly int _bids;
    private readonly int _asks;

    public QLearningAgent(QLearningSettings settings, int actionCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        Settings = settings.Validate();
        States = new StateBins(settings);
        ActionCount = actionCount;
        int asks = settings.FactoredAskCount;
        if (asks > 0 && actionCount % asks != 0)
        {
            throw new InvalidParameterException("factored_ask_count", $"{actionCount} actions are not a grid with {asks} ask depths");
        }

        _asks = asks;
        _bids = asks > 0 ? actionCount / asks : 0;
        RowWidth = asks > 0 ? _bids + asks : actionCount;
        long cells = (long)States.Count * RowWidth;
        if (cells > Array.MaxLength)
        {
            throw new InvalidParameterException("bins", $"{States.Count} states × {actionCount} actions do not fit in one table");
        }

        _first = new double[cells];
        _firstVisits = new long[cells];
        if (settings.DoubleQ)
        {
            _second = new double[cells];
            _secondVisits = new long[cells];
        }
    }

    public QLearningSettings Settings { get; }

    public StateBins States { get; }

    public int ActionCount { get; }

    /// <summary>Transitions learned from over all Train calls; the ε schedule runs on it, so a resumed run continues it.</summary>
    public long Steps { get; internal set; }

    /// <summary>Cells per state: the action count, or bids + asks when factored.</summary>
    public int RowWidth { get; }

    /// <summary>The first table (the only one without double Q), states × <see cref="RowWidth"/> row-major.</summary>
    internal double[] First => _first;

    internal double[]? Second => _second;

    internal long[] FirstVisits => _firstVisits;

    internal long[]? SecondVisits => _secondVisits;

    /// <summary>Q(state, action): the mean of the two tables under double Q.</summary>
    public double Value(int state, int action) =>
        _second is null ? ValueIn(_first, state, action) : 0.5 * (ValueIn(_first, state, action) + ValueIn(_second, state, action));

    /// <summary>Updates of (state, action)'s cell summed over the tables; when factored, of its bid cell.</summary>
    public long Visits(int state, int action)
    {
        int cell = (state * RowWidth) + (_asks > 0 ? action / _asks : action);
        return _firstVisits[cell] + (_secondVisits?[cell] ?? 0);
    }

    public int Act(ReadOnlySpan<float> observation) => Greedy(States.Index(observation));

    /// <summary>The action with the highest Q in a state (the lowest index among ties).</summary>
    public int Greedy(int state)
    {
        ReadOnlySpan<double> first = _first.AsSpan(state * RowWidth, RowWidth);
        if (_second is null)
        {
            return GreedyIn(first);
        }

        Span<double> sum = RowWidth <= 512 ? stackalloc double[RowWidth] : new double[RowWidth];
        TensorPrimitives.Add(first, _second.AsSpan(state * RowWidth, RowWidth), sum);
        return GreedyIn(sum);
    }

    /// <summary>
    /// One Q-learning update of (state, action) from reward and next state (ignored when terminal):
    /// Q ← Q + α(r + γ·Q'(s′, argmax Q(s′)) − Q), α = max(α_min, (n + 1)^−ω). Without double Q,
    /// Q' is the same table; with it, <paramref name="second"/> picks the table updated and Q' is
    /// the other one.
    /// </summary>
    public void Update(int state, int action, double reward, int nextState, bool terminal, bool second = false)
    {
        if (second && _second is null)
        {
            throw new InvalidOperationException("the second table exists only with double Q-learning");
        }

        double[] table = second ? _second! : _first;
        double[] other = second ? _first : _second ?? _first;
        long[] visits = second ? _secondVisits! : _firstVisits;
        double target = reward;
        if (!terminal)
        {
            int best = GreedyIn(table.AsSpan(nextState * RowWidth, RowWidth));
            target += Settings.Gamma * ValueIn(other, nextState, best);
        }

        double error = target - ValueIn(table, state, action);
        int row = state * RowWidth;
        if (_asks == 0)
        {
            table[row + action] += StepSize(visits[row + action]++) * error;
            return;
        }

        // Half the error to each side, so the sum moves by α·error as a single cell would.
        int bidCell = row + (action / _asks), askCell = row + _bids + (action % _asks);
        table[bidCell] += 0.5 * StepSize(visits[bidCell]++) * error;
        table[askCell] += 0.5 * StepSize(visits[askCell]++) * error;
    }

    /// <summary>
    /// Trains for <paramref name="steps"/> more transitions (rounded up to whole vector steps). The
    /// environment is reset at the start from (seed, <see cref="Steps"/>), so a checkpoint saved
    /// after one call and loaded before the next continues the schedules; episodes cut by the end of
    /// a call are dropped, not resumed. Cancellation stops at a vector step boundary with the agent
    /// consistent (saveable) and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public TrainingProgress Train(IVectorEnvironment env, long steps, ulong seed, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (env.ActionCount != ActionCount || env.ObservationSize < States.ObservationSize)
        {
            throw new ArgumentException(
                $"the agent takes {ActionCount} actions and reads {States.ObservationSize} observation values; the environment has {env.ActionCount} and {env.ObservationSize}",
                nameof(env));
        }

        int count = env.Count, width = env.ObservationSize;
        float[] observations = new float[count * width], next = new float[count * width], rewards = new float[count];
        bool[] terminated = new bool[count], truncated = new bool[count];
        int[] states = new int[count], actions = new int[count];
        var episodes = new RecentEpisodes(count);
        var random = new ScalarRandom(seed, Steps);
        LinearSchedule epsilonSchedule = Settings.Epsilon;
        env.Reset(SplitMix64.StreamKey(seed, Steps), observations);

        var reporter = new TrainingReporter(progress, steps);
        long done = 0;
        double epsilon = epsilonSchedule.At(Steps);
        while (done < steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epsilon = epsilonSchedule.At(Steps);
            for (int i = 0; i < count; i++)
            {
                states[i] = States.Index(observations.AsSpan(i * width, width));
                actions[i] = random.NextUniform() < epsilon ? random.NextInt(ActionCount) : Greedy(states[i]);
            }

            env.Step(actions, next, rewards, terminated, truncated);
            for (int i = 0; i < count; i++)
            {
                // A truncated transition's next observation is already the next episode's: no target.
                if (!truncated[i])
                {
                    int nextState = terminated[i] ? 0 : States.Index(next.AsSpan(i * width, width));
                    Update(states[i], actions[i], rewards[i], nextState, terminated[i], _second is not null && random.NextBool());
                }

                episodes.Add(i, rewards[i], terminated[i] || truncated[i]);
            }

            (observations, next) = (next, observations);
            Steps += count;
            done += count;
            reporter.Tick(Steps, done, episodes, epsilon);
        }

        return reporter.Finish(Steps, done, episodes, epsilon);
    }

    /// <summary>Writes settings, tables, visit counts and the step counter as JSON; doubles in shortest round-trip form, so <see cref="Load"/> restores the agent exactly.</summary>
    public void Save(string path) => QLearningFile.Save(this, path);

    /// <summary>Reads an agent written by <see cref="Save"/>; a malformed file throws <see cref="DataFormatException"/> naming the file, line and field.</summary>
    public static QLearningAgent Load(string path) => QLearningFile.Load(path);

    private double StepSize(long visits) => Math.Max(Settings.MinLearningRate, Math.Pow(visits + 1, -Settings.LearningRateExponent));

    private double ValueIn(double[] table, int state, int action)
    {
        int row = state * RowWidth;
        return _asks == 0 ? table[row + action] : table[row + (action / _asks)] + table[row + _bids + (action % _asks)];
    }

    /// <summary>Argmax over one state's row; factored, the best bid and the best ask are chosen apart.</summary>
    private int GreedyIn(ReadOnlySpan<double> row) =>
        _asks == 0 ? TensorPrimitives.IndexOfMax(row) : (TensorPrimitives.IndexOfMax(row[.._bids]) * _asks) + TensorPrimitives.IndexOfMax(row[_bids..]);
}
