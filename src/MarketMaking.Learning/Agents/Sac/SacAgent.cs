using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Sac;

/// <summary>
/// Soft Actor-Critic (Haarnoja et al. 2018) quoting continuous bid and ask depths: a squashed
/// Gaussian actor (<see cref="SquashedGaussian"/>) outputs μ and log σ per side, twin Q networks
/// with Polyak-averaged targets judge (observation, action), transitions come from a replay
/// buffer, and the entropy temperature α is learned to hold the policy's entropy at a target.
/// Acting deterministically it quotes tanh(μ) mapped onto its <see cref="Depths"/>.
/// <code>
/// var agent = SacAgent.For(EnvironmentPresets.CarteaJaimungal, new SacSettings(), seed: 1);
/// agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 64), 2_000_000, seed: 1);
/// agent.Save("sac.json");   // later: SacAgent.Load("sac.json")
/// var strategy = new PolicyStrategy("sac", agent, EnvironmentPresets.CarteaJaimungal);
/// </code>
/// Act is thread safe while no Train call runs.
/// </summary>
public sealed class SacAgent : IContinuousPolicy
{
    /// <summary>Bid and ask depth.</summary>
    public const int ActionSize = 2;

    // Bounds of log σ: below, the Gaussian is a spike whose log-density overflows float; above, exploration is uniform anyway.
    public const float MinLogStd = -5f;
    public const float MaxLogStd = 2f;

    private SacTrainer? _trainer;

    /// <summary>A new agent; <paramref name="seed"/> draws the initial weights (actor, then Q₁, then Q₂).</summary>
    public SacAgent(int observationSize, DepthRange depths, SacSettings? settings = null, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        Settings = (settings ?? new SacSettings()).Validate();
        ObservationSize = observationSize;
        Depths = depths;
        var random = new Random(seed);
        int features = Features.Size(observationSize);
        Actor = new Mlp([features, .. Settings.HiddenSizes, 2 * ActionSize], Settings.Activation, Activation.Identity, random);
        Critic1 = new Mlp([features + ActionSize, .. Settings.HiddenSizes, 1], Settings.Activation, Activation.Identity, random);
        Critic2 = new Mlp([features + ActionSize, .. Settings.HiddenSizes, 1], Settings.Activation, Activation.Identity, random);
        Target1 = Critic1.Clone();
        Target2 = Critic2.Clone();
        LogTemperature = (float)Math.Log(Settings.InitialTemperature);
    }

    /// <summary>A loaded agent.</summary>
    internal SacAgent(int observationSize, DepthRange depths, SacSettings settings, Mlp actor, Mlp critic1, Mlp critic2, Mlp target1, Mlp target2, float logTemperature, long steps, long updates)
    {
        (ObservationSize, Depths, Settings) = (observationSize, depths, settings);
        (Actor, Critic1, Critic2, Target1, Target2) = (actor, critic1, critic2, target1, target2);
        (LogTemperature, Steps, Updates) = (logTemperature, steps, updates);
    }

    /// <summary>An agent for the observation and continuous depths of <see cref="ModelMarketEnvironment"/> on these settings.</summary>
    public static SacAgent For(EnvironmentSettings environment, SacSettings? settings = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SacAgent(ModelMarketEnvironment.Features, environment.Depths, settings, seed);
    }

    public SacSettings Settings { get; }

    public int ObservationSize { get; }

    /// <summary>Where the agent's depths lie: action −1 is Min, +1 is Max.</summary>
    public DepthRange Depths { get; }

    /// <summary>Observation features → [μ_bid, μ_ask, log σ_bid, log σ_ask].</summary>
    public Mlp Actor { get; }

    /// <summary>[features, a_bid, a_ask] → Q.</summary>
    public Mlp Critic1 { get; }

    public Mlp Critic2 { get; }

    public Mlp Target1 { get; }

    public Mlp Target2 { get; }

    /// <summary>ln α, the learned entropy temperature.</summary>
    public float LogTemperature { get; internal set; }

    public double Temperature => Math.Exp(LogTemperature);

    /// <summary>Transitions trained on, over all Train calls (and before a save).</summary>
    public long Steps { get; internal set; }

    /// <summary>Gradient steps taken.</summary>
    public long Updates { get; internal set; }

    /// <summary>
    /// Wall-clock time Train spent updating the networks in this process (not saved): what a
    /// benchmark subtracts to time the rollout alone (acting and the environment).
    /// </summary>
    public TimeSpan UpdateTime { get; internal set; }

    /// <summary>Whether training runs the twin critics side by side on two threads (by default where there are two cores); the numbers are the same either way.</summary>
    internal bool TwinThreads { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>The entropy α steers to: the setting, or −2 (minus the action's dimensions).</summary>
    public float TargetEntropy => float.IsNaN(Settings.TargetEntropy) ? -ActionSize : Settings.TargetEntropy;

    internal ObservationFeatures Features => new(Settings.ObservationScale, Settings.SquaredFeatures);

    /// <summary>The depths at tanh(μ) of each side: the policy's deterministic quotes.</summary>
    public (double BidDepth, double AskDepth) Act(ReadOnlySpan<float> observation)
    {
        Span<float> features = stackalloc float[Actor.InputSize];
        Features.Write(observation[..ObservationSize], features);
        Span<float> output = stackalloc float[2 * ActionSize];
        Actor.Infer(features, output);
        return (Depths.Depth(Math.Tanh(output[0])), Depths.Depth(Math.Tanh(output[1])));
    }

    /// <summary>
    /// Trains for at least <paramref name="steps"/> transitions (whole vector steps), resetting
    /// <paramref name="env"/> with <paramref name="seed"/>; the same agent seed, settings,
    /// environment and training seed give the same weights. Calling again continues with the same
    /// replay buffer and optimizers; a loaded agent starts them afresh (warm-up included).
    /// </summary>
    public TrainingProgress Train(IContinuousEnvironment env, long steps, ulong seed, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (env.ObservationSize != ObservationSize)
        {
            throw new ArgumentException($"the agent takes {ObservationSize} observations; the environment has {env.ObservationSize}", nameof(env));
        }

        if (_trainer is null || _trainer.Count != env.Count)
        {
            _trainer = new SacTrainer(this, env.Count);
        }

        return _trainer.Run(env, steps, seed, progress, cancellationToken);
    }

    /// <summary>Writes settings, networks, temperature and counters as JSON; floats round-trip exactly.</summary>
    public void Save(string path) => SacFile.Save(this, path);

    /// <summary>Reads an agent written by <see cref="Save"/>; a malformed file throws a DataFormatException naming the file and field.</summary>
    public static SacAgent Load(string path) => SacFile.Load(path);
}
