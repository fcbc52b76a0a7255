using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// PPO with a continuous head over the two depths: the grid PPO's network (<see cref="ActorCritic"/>,
/// trunk, separate value network, scaled and squared features) with one output per side, the mean μ
/// of a Gaussian whose log σ per side is a learned parameter independent of the state, squashed by
/// tanh (<see cref="SquashedGaussian"/>) or clipped into the depth range (<see cref="Squash"/>); the same
/// clipped surrogate, GAE and trainer (<see cref="PpoTrainer"/>). Acting deterministically it quotes
/// the squashed μ mapped onto <see cref="Depths"/>.
/// <code>
/// var agent = ContinuousPpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings(), seed: 1);
/// agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 256), 6_000_000, seed: 1);
/// agent.Save("ppo-continuous.json");   // later: ContinuousPpoAgent.Load("ppo-continuous.json")
/// </code>
/// Act is thread safe while no Train call runs.
/// </summary>
public sealed class ContinuousPpoAgent : IContinuousPolicy, IPpoTrainee
{
    /// <summary>Bid and ask depth.</summary>
    public const int ActionSize = 2;

    /// <summary>log σ at the start: σ ≈ 0.37 in tanh's input, about ±0.45 in depth around the middle of the benchmark's 0–2.4.</summary>
    public const float DefaultInitialLogStd = -1f;

    private readonly long _optimizerStepsBefore;
    private readonly float[][] _parameters;
    private readonly float[][] _gradients;
    private Adam? _optimizer;

    /// <summary>A new agent; <paramref name="seed"/> draws the initial weights.</summary>
    public ContinuousPpoAgent(
        int observationSize, DepthRange depths, PpoSettings? settings = null, int seed = 0, float initialLogStd = DefaultInitialLogStd, ActionSquash squash = ActionSquash.Tanh)
    {
        Settings = (settings ?? new PpoSettings()).Validate();
        (Depths, Squash) = (depths, squash);
        Network = new ActorCritic(observationSize, 1, 1, Settings.HiddenSizes, Settings.Activation, Settings.ObservationScale, seed,
            Settings.SquaredFeatures, Settings.SeparateValueTrunk, Settings.TimeScale, Settings.TimeProducts);
        LogStd = [initialLogStd, initialLogStd];
        (_parameters, _gradients) = Collect();
    }

    /// <summary>A loaded agent.</summary>
    internal ContinuousPpoAgent(
        ActorCritic network, PpoSettings settings, DepthRange depths, ActionSquash squash, float[] logStd, long environmentSteps, long updates, long optimizerSteps)
    {
        (Network, Settings, Depths, Squash, LogStd) = (network, settings, depths, squash, logStd);
        (EnvironmentSteps, Updates, _optimizerStepsBefore) = (environmentSteps, updates, optimizerSteps);
        (_parameters, _gradients) = Collect();
    }

    /// <summary>An agent for the observation and continuous depths of <see cref="ModelMarketEnvironment"/> on these settings.</summary>
    public static ContinuousPpoAgent For(EnvironmentSettings environment, PpoSettings? settings = null, int seed = 0, ActionSquash squash = ActionSquash.Tanh)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new ContinuousPpoAgent(ModelMarketEnvironment.Features, environment.Depths, settings, seed, squash: squash);
    }

    public PpoSettings Settings { get; }

    /// <summary>The trunk and value network of the grid PPO; the bid and ask heads output μ of each side.</summary>
    public ActorCritic Network { get; }

    /// <summary>Where the agent's depths lie: a squashed action of −1 is Min, +1 is Max.</summary>
    public DepthRange Depths { get; }

    /// <summary>How a sample u becomes an action: tanh(u) or u clipped to [−1, 1].</summary>
    public ActionSquash Squash { get; }

    /// <summary>log σ of the bid and of the ask (learned, the same in every state).</summary>
    public float[] LogStd { get; }

    internal float[] LogStdGradient { get; } = new float[ActionSize];

    /// <summary>The network's parameters, then <see cref="LogStd"/>: what the optimizer steps.</summary>
    internal IReadOnlyList<float[]> Parameters => _parameters;

    internal IReadOnlyList<float[]> Gradients => _gradients;

    public int ObservationSize => Network.ObservationSize;

    public long EnvironmentSteps { get; private set; }

    public long Updates { get; private set; }

    /// <summary>
    /// Wall-clock time Train spent updating the networks in this process (not saved): what a
    /// benchmark subtracts to time the rollout alone (acting and the environment).
    /// </summary>
    public TimeSpan UpdateTime { get; private set; }

    public long OptimizerSteps => _optimizerStepsBefore + (_optimizer?.StepCount ?? 0);

    /// <summary>When set, Train saves the agent here every <see cref="CheckpointInterval"/> environment steps, at its end and when cancelled.</summary>
    public string? CheckpointPath { get; set; }

    public long CheckpointInterval { get; set; } = 1_000_000;

    /// <summary>The depths at the squashed μ of each side: the policy's median quotes.</summary>
    public (double BidDepth, double AskDepth) Act(ReadOnlySpan<float> observation)
    {
        Span<float> mean = stackalloc float[ActionSize];
        Means(observation, mean);
        return (Depths.Depth(Squash.Apply(mean[0])), Depths.Depth(Squash.Apply(mean[1])));
    }

    /// <summary>μ of the bid and the ask for one observation (before the squash).</summary>
    public void Means(ReadOnlySpan<float> observation, Span<float> mean) => Network.Infer(observation, mean[..1], mean[1..ActionSize]);

    /// <summary>
    /// Trains for at least <paramref name="steps"/> environment steps (whole rollouts), resetting
    /// <paramref name="env"/> with <paramref name="seed"/>; the same agent seed, settings, environment
    /// and training seed give the same weights. Calling again continues as <see cref="PpoAgent.Train"/> does.
    /// </summary>
    public PpoProgress Train(IContinuousEnvironment env, long steps, ulong seed, IProgress<PpoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (env.ObservationSize != ObservationSize)
        {
            throw new ArgumentException($"the agent takes {ObservationSize} observations; the environment has {env.ObservationSize}", nameof(env));
        }

        _optimizer ??= new Adam(_parameters, _gradients, Settings.LearningRate);
        return new PpoTrainer(this, new ContinuousPpoHead(this, env), _optimizer).Run(steps, seed, progress, cancellationToken);
    }

    /// <summary>Writes settings, weights, log σ and counters as JSON; floats round-trip exactly (the optimizer's moments are not saved).</summary>
    public void Save(string path) => ContinuousPpoFile.Save(this, path);

    /// <summary>Reads an agent written by <see cref="Save"/>; a malformed file throws a DataFormatException naming the file and field.</summary>
    public static ContinuousPpoAgent Load(string path) => ContinuousPpoFile.Load(path);

    void IPpoTrainee.CountRollout(int steps, TimeSpan updating)
    {
        EnvironmentSteps += steps;
        Updates++;
        UpdateTime += updating;
    }

    void IPpoTrainee.SaveCheckpoint()
    {
        if (CheckpointPath is not null)
        {
            Save(CheckpointPath);
        }
    }

    private (float[][] Parameters, float[][] Gradients) Collect() => ([.. Network.Parameters, LogStd], [.. Network.Gradients, LogStdGradient]);
}
