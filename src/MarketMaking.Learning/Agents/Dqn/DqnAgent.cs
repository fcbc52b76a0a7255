using System.Diagnostics;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Dqn;

/// <summary>
/// Deep Q-network (Mnih et al. 2015) on a vectorized environment: ε-greedy actions for all
/// trajectories from one batched forward pass, n-step transitions into a replay ring, one minibatch
/// update (double-DQN targets, Huber loss, global-norm clipping, Adam) every
/// <see cref="DqnSettings.UpdateEvery"/> transitions, and a target network refreshed by hard copy
/// or Polyak averaging. The greedy policy runs through <see cref="Mlp.Infer"/>: thread safe and
/// allocation free once training is over.
/// <code>
/// var env = new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 64);
/// var agent = new DqnAgent(new DqnSettings { FactoredAskCount = 12 }, env.ObservationSize, env.ActionCount, seed: 1);
/// agent.Train(env, 2_000_000, seed: 1); // 52–78% of the gap by seed; four runs as a DqnEnsemble: 83.5%
/// var strategy = new PolicyStrategy("dqn", agent, EnvironmentPresets.CarteaJaimungal);
/// </code>
/// </summary>
public sealed class DqnAgent : IDiscretePolicy
{
    private readonly QHead _head;
    private readonly Adam _optimizer;
    private ReplayBuffer? _replay;
    private long _sinceUpdate;

    // Minibatch scratch, allocated once.
    private readonly float[] _batchObservations;
    private readonly float[] _batchNext;
    private readonly float[] _batchFeatures;
    private readonly float[] _batchNextFeatures;
    private readonly int[] _batchActions;
    private readonly float[] _batchRewards;
    private readonly bool[] _batchTerminal;
    private readonly int[] _batchStepCounts;
    private readonly float[] _onlineNext;
    private readonly float[] _targets;
    private readonly float[] _predictions;
    private readonly float[] _lossGradient;
    private readonly float[] _outputGradient;

    public DqnAgent(DqnSettings settings, int observationSize, int actionCount, int seed)
        : this(settings, actionCount, new Mlp([Validated(settings).Features.Size(observationSize), .. settings.Hidden, new QHead(actionCount, settings.FactoredAskCount, settings.Dueling, settings.SmoothDegree).OutputSize], Activation.ReLU, Activation.Identity, seed), null)
    {
    }

    internal DqnAgent(DqnSettings settings, int actionCount, Mlp online, Mlp? target, Mlp? averaged = null)
    {
        Settings = settings.Validate();
        ObservationSize = settings.SquaredFeatures ? online.InputSize / 2 : online.InputSize;
        if (settings.Features.Size(ObservationSize) != online.InputSize)
        {
            throw new ArgumentException($"squared features need an even number of network inputs, got {online.InputSize}", nameof(online));
        }

        _head = new QHead(actionCount, settings.FactoredAskCount, settings.Dueling, settings.SmoothDegree);
        if (online.OutputSize != _head.OutputSize)
        {
            throw new ArgumentException($"the network gives {online.OutputSize} outputs; {actionCount} actions need {_head.OutputSize}", nameof(online));
        }

        Online = online;
        Target = target ?? online.Clone();
        Averaged = settings.PolicyAverageTau > 0 ? averaged ?? Target.Clone() : null;
        _optimizer = new Adam(Online, (float)settings.LearningRate);
        int b = settings.BatchSize, d = ObservationSize, f = online.InputSize, w = _head.OutputSize;
        Online.EnsureBatchCapacity(b);
        Target.EnsureBatchCapacity(b);
        _batchObservations = new float[b * d];
        _batchNext = new float[b * d];
        _batchFeatures = new float[b * f];
        _batchNextFeatures = new float[b * f];
        _batchActions = new int[b];
        _batchRewards = new float[b];
        _batchTerminal = new bool[b];
        _batchStepCounts = new int[b];
        _onlineNext = new float[b * w];
        _targets = new float[b];
        _predictions = new float[b];
        _lossGradient = new float[b];
        _outputGradient = new float[b * w];
    }

    public DqnSettings Settings { get; }

    public Mlp Online { get; }

    public Mlp Target { get; }

    /// <summary>The long average of the online weights the agent acts with (<see cref="DqnSettings.PolicyAverageTau"/> &gt; 0), else null.</summary>
    public Mlp? Averaged { get; }

    /// <summary>The network the greedy policy reads: the long average when kept, else the target network.</summary>
    public Mlp Acting => Averaged ?? Target;

    public int ObservationSize { get; }

    public int ActionCount => _head.ActionCount;

    public QHead Head => _head;

    /// <summary>Transitions learned from over all Train calls (drives the ε schedule).</summary>
    public long Steps { get; internal set; }

    /// <summary>Gradient updates so far (drives the target copies).</summary>
    public long Updates { get; internal set; }

    /// <summary>
    /// Wall-clock time Train spent updating the networks in this process (not saved): what a
    /// benchmark subtracts to time the rollout alone (acting and the environment).
    /// </summary>
    public TimeSpan UpdateTime { get; internal set; }

    /// <summary>Huber loss of the last update.</summary>
    public float LastLoss { get; private set; } = float.NaN;

    /// <summary>
    /// The greedy action of the acting network (<see cref="Acting"/>): an average of past weights acts
    /// more steadily than the online network's latest update, whose last minibatches' noise it carries.
    /// </summary>
    public int Act(ReadOnlySpan<float> observation)
    {
        Span<float> outputs = stackalloc float[_head.OutputSize];
        Outputs(observation, outputs);
        return _head.Greedy(outputs);
    }

    /// <summary>The acting network's output row for one observation (<see cref="Head"/> reads action values from it).</summary>
    public void Outputs(ReadOnlySpan<float> observation, Span<float> outputs)
    {
        Span<float> features = stackalloc float[Acting.InputSize];
        Settings.Features.Write(observation[..ObservationSize], features);
        Acting.Infer(features, outputs);
    }

    /// <summary>Q(s, a) of every action for one observation (the acting network).</summary>
    public void ActionValues(ReadOnlySpan<float> observation, Span<float> values)
    {
        Span<float> outputs = stackalloc float[_head.OutputSize];
        Outputs(observation, outputs);
        for (int a = 0; a < ActionCount; a++)
        {
            values[a] = _head.Value(outputs, a);
        }
    }

    /// <summary>
    /// Trains for <paramref name="steps"/> more transitions (rounded up to whole vector steps). The
    /// environment is reset from (seed, <see cref="Steps"/>) and the replay buffer lives in this
    /// object only: after <see cref="Load"/> it refills for <see cref="DqnSettings.LearningStarts"/>
    /// transitions before updates resume, and Adam's moments start afresh. Networks, step and update
    /// counters (so the ε and target schedules) are restored. Cancellation stops at a vector step
    /// with the agent consistent and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public TrainingProgress Train(IVectorEnvironment env, long steps, ulong seed, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (env.ActionCount != ActionCount || env.ObservationSize != ObservationSize)
        {
            throw new ArgumentException(
                $"the agent takes {ObservationSize} observation values and {ActionCount} actions; the environment has {env.ObservationSize} and {env.ActionCount}",
                nameof(env));
        }

        _replay ??= new ReplayBuffer(Settings.ReplayCapacity, ObservationSize);
        int count = env.Count, d = ObservationSize, w = _head.OutputSize;
        float[] observations = new float[count * d], next = new float[count * d], rewards = new float[count], features = new float[count * Online.InputSize];
        bool[] terminated = new bool[count], truncated = new bool[count];
        int[] actions = new int[count];
        var episodes = new RecentEpisodes(count);
        var random = new ScalarRandom(seed, Steps);
        var epsilonSchedule = new LinearSchedule(Settings.EpsilonStart, Settings.EpsilonEnd, Settings.EpsilonDecaySteps);
        var nStep = new NStepAccumulator(count, d, Settings.NStep, (float)Settings.Gamma);
        Online.EnsureBatchCapacity(count);
        env.Reset(SplitMix64.StreamKey(seed, Steps), observations);

        var reporter = new TrainingReporter(progress, steps);
        long done = 0;
        double epsilon = epsilonSchedule.At(Steps);
        while (done < steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epsilon = epsilonSchedule.At(Steps);
            ReadOnlySpan<float> values = default;
            if (epsilon < 1)
            {
                Settings.Features.WriteRows(observations, d, features);
                values = Online.Forward(features);
            }

            for (int i = 0; i < count; i++)
            {
                actions[i] = random.NextUniform() < epsilon ? random.NextInt(ActionCount) : _head.Greedy(values.Slice(i * w, w));
            }

            env.Step(actions, next, rewards, terminated, truncated);
            for (int i = 0; i < count; i++)
            {
                // A truncated transition's next observation is already the next episode's: not stored.
                nStep.Add(i, observations.AsSpan(i * d, d), actions[i], rewards[i], next.AsSpan(i * d, d), terminated[i], truncated[i], _replay);
                episodes.Add(i, rewards[i], terminated[i] || truncated[i]);
            }

            (observations, next) = (next, observations);
            Steps += count;
            done += count;
            _sinceUpdate += count;
            while (_sinceUpdate >= Settings.UpdateEvery)
            {
                _sinceUpdate -= Settings.UpdateEvery;
                if (_replay.Count >= Settings.LearningStarts)
                {
                    long start = Stopwatch.GetTimestamp();
                    _optimizer.LearningRate = (float)LearningRateAt(Steps);
                    Learn(ref random);
                    UpdateTime += Stopwatch.GetElapsedTime(start);
                }
            }

            reporter.Tick(Steps, done, episodes, epsilon);
        }

        return reporter.Finish(Steps, done, episodes, epsilon);
    }

    /// <summary>Adam's step size after <paramref name="steps"/> transitions: linear from LearningRate to LearningRateEnd.</summary>
    public double LearningRateAt(long steps) =>
        Settings.LearningRateDecaySteps <= 0 ? Settings.LearningRate : new LinearSchedule(Settings.LearningRate, Settings.LearningRateEnd, Settings.LearningRateDecaySteps).At(steps);

    /// <summary>Writes settings, counters and both networks as JSON (floats round-trip exactly).</summary>
    public void Save(string path) => DqnFile.Save(this, path);

    /// <summary>Reads an agent written by <see cref="Save"/>; a malformed file throws <see cref="Core.Errors.DataFormatException"/>.</summary>
    public static DqnAgent Load(string path) => DqnFile.Load(path);

    /// <summary>One minibatch gradient step on the online network, then the target update.</summary>
    private void Learn(ref ScalarRandom random)
    {
        int w = _head.OutputSize;
        _replay!.Sample(ref random, _batchObservations, _batchActions, _batchRewards, _batchNext, _batchTerminal, _batchStepCounts);

        // Forward returns the network's own buffer, so the online next-state values are copied out first.
        Settings.Features.WriteRows(_batchNext, ObservationSize, _batchNextFeatures);
        Settings.Features.WriteRows(_batchObservations, ObservationSize, _batchFeatures);
        Online.Forward(_batchNextFeatures).CopyTo(_onlineNext);
        ReadOnlySpan<float> targetNext = Target.Forward(_batchNextFeatures);
        DqnTargets.Compute(_head, _batchRewards, _batchTerminal, _batchStepCounts, Settings.DoubleDqn ? _onlineNext : targetNext, targetNext, (float)Settings.Gamma, _targets);

        if (Settings.AdvantageLearning > 0)
        {
            DqnTargets.WidenActionGaps(_head, Target.Forward(_batchFeatures), _batchActions, (float)Settings.AdvantageLearning, _targets);
        }

        ReadOnlySpan<float> q = Online.Forward(_batchFeatures);
        for (int b = 0; b < _batchActions.Length; b++)
        {
            _predictions[b] = _head.Value(q.Slice(b * w, w), _batchActions[b]);
        }

        LastLoss = HuberLoss.Compute(_predictions, _targets, _lossGradient, (float)Settings.HuberDelta);
        Array.Clear(_outputGradient);
        for (int b = 0; b < _batchActions.Length; b++)
        {
            _head.AddGradient(_outputGradient.AsSpan(b * w, w), _batchActions[b], _lossGradient[b]);
        }

        Online.ZeroGradients();
        Online.BackwardParameters(_outputGradient);
        float norm = GradientClipping.ClipByGlobalNorm(Online.Gradients, (float)Settings.MaxGradientNorm);
        if (float.IsFinite(norm))
        {
            _optimizer.ApplyGradients();
        }

        Updates++;
        if (Settings.TargetUpdateInterval > 0)
        {
            if (Updates % Settings.TargetUpdateInterval == 0)
            {
                Target.CopyFrom(Online);
            }
        }
        else
        {
            Target.SoftUpdate(Online, (float)Settings.Tau);
        }

        Averaged?.SoftUpdate(Online, (float)Settings.PolicyAverageTau);
    }


    private static DqnSettings Validated(DqnSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Validate();
    }
}
