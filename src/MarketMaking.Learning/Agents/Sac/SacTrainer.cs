using System.Diagnostics;
using MarketMaking.Core.Randomness;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Sac;

/// <summary>
/// The training loop of <see cref="SacAgent"/>: act with sampled depths (uniform during warm-up),
/// store transitions, and every UpdateEvery transitions take one gradient step of the twin
/// critics, the actor and the temperature, then move the targets. Buffers are allocated here
/// once. The twin critics share no state, so with two cores or more each pass over them runs one
/// critic per thread (the numbers are the same: each critic's arithmetic is unchanged).
/// </summary>
internal sealed class SacTrainer
{
    private const int A = SacAgent.ActionSize;

    private readonly SacAgent _agent;
    private readonly SacSettings _settings;
    private readonly ContinuousReplayBuffer _replay;
    private readonly Adam _actorOptimizer;
    private readonly Adam _critic1Optimizer;
    private readonly Adam _critic2Optimizer;
    private readonly Adam _temperatureOptimizer;
    private readonly float[] _logTemperature = new float[1];
    private readonly float[] _temperatureGradient = new float[1];

    // Acting.
    private readonly float[] _observations;
    private readonly float[] _next;
    private readonly float[] _features;
    private readonly float[] _actions;
    private readonly double[] _depths;
    private readonly float[] _rewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;

    // One batch.
    private readonly float[] _batchObservations;
    private readonly float[] _batchActions;
    private readonly float[] _batchRewards;
    private readonly float[] _batchNext;
    private readonly bool[] _batchTerminal;
    private readonly float[] _actorInput;
    private readonly float[] _criticInput;
    private readonly float[] _heads;
    private readonly float[] _noise;
    private readonly float[] _sampled;
    private readonly float[] _logProbabilities;
    private readonly float[] _targets;
    private readonly float[] _outputGradient1;
    private readonly float[] _outputGradient2;
    private readonly float[] _gradient1;
    private readonly float[] _gradient2;
    private readonly float[] _actionGradient;
    private readonly float[] _headGradient;
    private readonly bool _twinThreads;
    private readonly Action _targetForward1;
    private readonly Action _targetForward2;
    private readonly Action _criticStep1;
    private readonly Action _criticStep2;
    private readonly Action _criticForward1;
    private readonly Action _criticForward2;
    private readonly Action _criticInputGradient1;
    private readonly Action _criticInputGradient2;
    private long _sinceUpdate;

    public SacTrainer(SacAgent agent, int count)
    {
        _agent = agent;
        _settings = agent.Settings;
        _twinThreads = agent.TwinThreads;
        Count = count;
        int d = agent.ObservationSize, f = agent.Actor.InputSize, b = _settings.BatchSize;
        _replay = new ContinuousReplayBuffer(_settings.ReplayCapacity, d, A);
        _actorOptimizer = new Adam(agent.Actor, _settings.LearningRate);
        _critic1Optimizer = new Adam(agent.Critic1, _settings.LearningRate);
        _critic2Optimizer = new Adam(agent.Critic2, _settings.LearningRate);
        _logTemperature[0] = agent.LogTemperature;
        _temperatureOptimizer = new Adam([_logTemperature], [_temperatureGradient], _settings.LearningRate);
        (_observations, _next, _features) = (new float[count * d], new float[count * d], new float[count * f]);
        (_actions, _depths, _rewards) = (new float[count * A], new double[count * A], new float[count]);
        (_terminated, _truncated) = (new bool[count], new bool[count]);
        (_batchObservations, _batchActions, _batchRewards, _batchNext, _batchTerminal) = (new float[b * d], new float[b * A], new float[b], new float[b * d], new bool[b]);
        (_actorInput, _criticInput, _heads, _noise) = (new float[b * f], new float[b * (f + A)], new float[Math.Max(b, count) * 2 * A], new float[Math.Max(b, count) * A]);
        (_sampled, _logProbabilities, _targets) = (new float[b * A], new float[b], new float[b]);
        (_outputGradient1, _outputGradient2, _gradient1, _gradient2) = (new float[b], new float[b], new float[b], new float[b]);
        (_actionGradient, _headGradient) = (new float[b * A], new float[b * 2 * A]);
        agent.Actor.EnsureBatchCapacity(Math.Max(b, count));
        foreach (Mlp critic in new[] { agent.Critic1, agent.Critic2, agent.Target1, agent.Target2 })
        {
            critic.EnsureBatchCapacity(b);
        }

        // Each pass's two halves, made once (the update allocates no delegates).
        _targetForward1 = () => agent.Target1.Forward(_criticInput, b);
        _targetForward2 = () => agent.Target2.Forward(_criticInput, b);
        _criticStep1 = () => StepCritic(agent.Critic1, _critic1Optimizer, _outputGradient1);
        _criticStep2 = () => StepCritic(agent.Critic2, _critic2Optimizer, _outputGradient2);
        _criticForward1 = () => agent.Critic1.Forward(_criticInput, b);
        _criticForward2 = () => agent.Critic2.Forward(_criticInput, b);
        _criticInputGradient1 = () => agent.Critic1.BackwardInputs(_gradient1);
        _criticInputGradient2 = () => agent.Critic2.BackwardInputs(_gradient2);
    }

    /// <summary>Trajectories per vector step this trainer's buffers are for.</summary>
    public int Count { get; }

    public TrainingProgress Run(IContinuousEnvironment env, long steps, ulong seed, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        int n = Count, d = _agent.ObservationSize;
        DepthRange range = env.Depths;
        var random = new ScalarRandom(seed, _agent.Steps);
        var episodes = new RecentEpisodes(n);
        var reporter = new TrainingReporter(progress, steps);
        env.Reset(SplitMix64.StreamKey(seed, _agent.Steps), _observations);
        long done = 0;
        while (done < steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Choose(ref random, range);
            env.StepDepths(_depths, _next, _rewards, _terminated, _truncated);
            for (int i = 0; i < n; i++)
            {
                // A truncated transition's next observation is already the next episode's: not stored.
                if (!_truncated[i])
                {
                    _replay.Add(_observations.AsSpan(i * d, d), _actions.AsSpan(i * A, A), _rewards[i] * _settings.RewardScale, _next.AsSpan(i * d, d), _terminated[i]);
                }

                episodes.Add(i, _rewards[i], _terminated[i] || _truncated[i]);
            }

            _next.AsSpan().CopyTo(_observations);
            _agent.Steps += n;
            done += n;
            _sinceUpdate += n;
            while (_sinceUpdate >= _settings.UpdateEvery)
            {
                _sinceUpdate -= _settings.UpdateEvery;
                if (_replay.Count >= Math.Max(_settings.WarmupSteps, _settings.BatchSize))
                {
                    long start = Stopwatch.GetTimestamp();
                    Update(ref random);
                    _agent.UpdateTime += Stopwatch.GetElapsedTime(start);
                }
            }

            reporter.Tick(_agent.Steps, done, episodes, _agent.Temperature);
        }

        return reporter.Finish(_agent.Steps, done, episodes, _agent.Temperature);
    }

    /// <summary>The actions of every trajectory: uniform in [−1, 1]² during warm-up, then sampled from the policy.</summary>
    private void Choose(ref ScalarRandom random, DepthRange range)
    {
        int n = Count;
        if (_replay.Count < _settings.WarmupSteps)
        {
            for (int k = 0; k < n * A; k++)
            {
                _actions[k] = (float)((2 * random.NextUniform()) - 1);
            }
        }
        else
        {
            _agent.Features.WriteRows(_observations, _agent.ObservationSize, _features);
            ReadOnlySpan<float> heads = _agent.Actor.Forward(_features);
            Span<float> noise = _noise.AsSpan(0, n * A);
            for (int k = 0; k < noise.Length; k++)
            {
                noise[k] = (float)random.NextNormal();
            }

            Span<float> logStd = stackalloc float[A];
            for (int i = 0; i < n; i++)
            {
                ClampLogStd(heads.Slice((i * 2 * A) + A, A), logStd);
                SquashedGaussian.Sample(heads.Slice(i * 2 * A, A), logStd, noise.Slice(i * A, A), _actions.AsSpan(i * A, A));
            }
        }

        for (int k = 0; k < n * A; k++)
        {
            _depths[k] = range.Depth(_actions[k]);
        }
    }

    private void Update(ref ScalarRandom random)
    {
        SacAgent agent = _agent;
        int b = _settings.BatchSize, d = agent.ObservationSize, f = agent.Actor.InputSize, c = f + A;
        float alpha = (float)Math.Exp(_logTemperature[0]);
        _replay.Sample(ref random, _batchObservations, _batchActions, _batchRewards, _batchNext, _batchTerminal);

        // Targets: y = r + γ(1 − done)(min Q̄(s′, a′) − α log π(a′|s′)), a′ drawn from the current policy.
        agent.Features.WriteRows(_batchNext, d, _actorInput);
        SamplePolicy(ref random, _actorInput);
        WriteCriticInput(_actorInput, _sampled);
        Both(_targetForward1, _targetForward2);
        ReadOnlySpan<float> target1 = agent.Target1.Output(b), target2 = agent.Target2.Output(b);
        for (int r = 0; r < b; r++)
        {
            float bootstrap = Math.Min(target1[r], target2[r]) - (alpha * _logProbabilities[r]);
            _targets[r] = _batchRewards[r] + (_batchTerminal[r] ? 0f : _settings.Discount * bootstrap);
        }

        // Critics: ½ mean (Q(s, a) − y)² each.
        agent.Features.WriteRows(_batchObservations, d, _actorInput);
        WriteCriticInput(_actorInput, _batchActions);
        Both(_criticStep1, _criticStep2);

        // Actor: mean(α log π(a|s) − min Q(s, a)) with a = tanh(μ + σε) reparameterized.
        ReadOnlySpan<float> heads = SamplePolicy(ref random, _actorInput);
        WriteCriticInput(_actorInput, _sampled);
        Both(_criticForward1, _criticForward2);
        ReadOnlySpan<float> q1 = agent.Critic1.Output(b), q2 = agent.Critic2.Output(b);
        float inverse = 1f / b;
        double entropy = 0;
        for (int r = 0; r < b; r++)
        {
            bool first = q1[r] <= q2[r];
            _gradient1[r] = first ? -inverse : 0f;
            _gradient2[r] = first ? 0f : -inverse;
            entropy -= _logProbabilities[r];
        }

        // The critics as functions of the action only: their own gradients are not needed here.
        Both(_criticInputGradient1, _criticInputGradient2);
        AddActionGradient(agent.Critic1.InputGradient(b), c, f, overwrite: true);
        AddActionGradient(agent.Critic2.InputGradient(b), c, f, overwrite: false);
        Span<float> logStd = stackalloc float[A];
        for (int r = 0; r < b; r++)
        {
            ReadOnlySpan<float> rawLogStd = heads.Slice((r * 2 * A) + A, A);
            ClampLogStd(rawLogStd, logStd);
            Span<float> headGradient = _headGradient.AsSpan(r * 2 * A, 2 * A);
            SquashedGaussian.Backward(
                heads.Slice(r * 2 * A, A), logStd, _noise.AsSpan(r * A, A), _actionGradient.AsSpan(r * A, A), alpha * inverse,
                headGradient[..A], headGradient[A..]);
            for (int k = 0; k < A; k++)
            {
                // The clamp is flat outside its bounds.
                if (rawLogStd[k] != logStd[k])
                {
                    headGradient[A + k] = 0f;
                }
            }
        }

        agent.Actor.ZeroGradients();
        agent.Actor.BackwardParameters(_headGradient);
        _actorOptimizer.ApplyGradients();

        // Temperature: ∂/∂ln α of −ln α·mean(log π + H̄) = −mean(log π + H̄) = mean entropy − H̄.
        _temperatureGradient[0] = (float)((entropy * inverse) - agent.TargetEntropy);
        _temperatureOptimizer.ApplyGradients();
        agent.LogTemperature = _logTemperature[0];

        agent.Target1.SoftUpdate(agent.Critic1, _settings.TargetSmoothing);
        agent.Target2.SoftUpdate(agent.Critic2, _settings.TargetSmoothing);
        agent.Updates++;
    }

    /// <summary>Forwards the actor on the feature rows and draws a = tanh(μ + σε) per row into _sampled, log π into _logProbabilities and ε into _noise; returns the heads.</summary>
    private ReadOnlySpan<float> SamplePolicy(ref ScalarRandom random, float[] features)
    {
        int b = _settings.BatchSize;
        ReadOnlySpan<float> heads = _agent.Actor.Forward(features);
        Span<float> logStd = stackalloc float[A];
        for (int r = 0; r < b; r++)
        {
            Span<float> noise = _noise.AsSpan(r * A, A);
            for (int k = 0; k < A; k++)
            {
                noise[k] = (float)random.NextNormal();
            }

            ClampLogStd(heads.Slice((r * 2 * A) + A, A), logStd);
            _logProbabilities[r] = (float)SquashedGaussian.Sample(heads.Slice(r * 2 * A, A), logStd, noise, _sampled.AsSpan(r * A, A));
        }

        return heads;
    }

    private void WriteCriticInput(ReadOnlySpan<float> features, ReadOnlySpan<float> actions)
    {
        int f = _agent.Actor.InputSize, c = f + A;
        for (int r = 0; r < _settings.BatchSize; r++)
        {
            features.Slice(r * f, f).CopyTo(_criticInput.AsSpan(r * c, f));
            actions.Slice(r * A, A).CopyTo(_criticInput.AsSpan((r * c) + f, A));
        }
    }

    private void StepCritic(Mlp critic, Adam optimizer, float[] outputGradient)
    {
        int b = _settings.BatchSize;
        ReadOnlySpan<float> q = critic.Forward(_criticInput, b);
        for (int r = 0; r < b; r++)
        {
            outputGradient[r] = (q[r] - _targets[r]) / b;
        }

        critic.ZeroGradients();
        critic.BackwardParameters(outputGradient);
        optimizer.ApplyGradients();
    }

    /// <summary>Runs the two critics' halves of a pass side by side (one core: in turn).</summary>
    private void Both(Action first, Action second)
    {
        if (_twinThreads)
        {
            Parallel.Invoke(first, second);
        }
        else
        {
            first();
            second();
        }
    }

    private void AddActionGradient(ReadOnlySpan<float> inputGradient, int c, int f, bool overwrite)
    {
        for (int r = 0; r < _settings.BatchSize; r++)
        {
            for (int k = 0; k < A; k++)
            {
                float g = inputGradient[(r * c) + f + k];
                _actionGradient[(r * A) + k] = overwrite ? g : _actionGradient[(r * A) + k] + g;
            }
        }
    }

    private static void ClampLogStd(ReadOnlySpan<float> raw, Span<float> clamped)
    {
        for (int k = 0; k < raw.Length; k++)
        {
            clamped[k] = Math.Clamp(raw[k], SacAgent.MinLogStd, SacAgent.MaxLogStd);
        }
    }
}
