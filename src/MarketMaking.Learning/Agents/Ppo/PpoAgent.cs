using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>
/// A PPO actor-critic agent for a factored (bid, ask) depth grid: train it on a vectorized
/// environment, then use it deterministically (the median depth of each head) as an <see cref="IDiscretePolicy"/>.
/// <code>
/// var agent = PpoAgent.For(EnvironmentPresets.CarteaJaimungal, new PpoSettings(), seed: 1);
/// agent.Train(new ModelMarketEnvironment(EnvironmentPresets.CarteaJaimungal, 256), 6_000_000, seed: 7, progress, token);
/// agent.Save("ppo.json");   // later: PpoAgent.Load("ppo.json")
/// var strategy = new PolicyStrategy("ppo", agent, EnvironmentPresets.CarteaJaimungal);
/// </code>
/// Act is thread safe while no Train call runs.
/// </summary>
public sealed class PpoAgent : IDiscretePolicy, IPpoTrainee
{
    private readonly long _optimizerStepsBefore;
    private Adam? _optimizer;

    /// <summary>A new agent; <paramref name="seed"/> draws the initial weights.</summary>
    public PpoAgent(int observationSize, int bidCount, int askCount, PpoSettings? settings = null, int seed = 0)
    {
        Settings = (settings ?? new PpoSettings()).Validate();
        Network = new ActorCritic(observationSize, bidCount, askCount, Settings.HiddenSizes, Settings.Activation, Settings.ObservationScale, seed,
            Settings.SquaredFeatures, Settings.SeparateValueTrunk, Settings.TimeScale, Settings.TimeProducts);
    }

    /// <summary>A loaded or resumed agent.</summary>
    internal PpoAgent(ActorCritic network, PpoSettings settings, long environmentSteps, long updates, long optimizerSteps)
    {
        Network = network;
        Settings = settings;
        EnvironmentSteps = environmentSteps;
        Updates = updates;
        _optimizerStepsBefore = optimizerSteps;
    }

    /// <summary>An agent for the observation and depth grid of <see cref="ModelMarketEnvironment"/> on these settings.</summary>
    public static PpoAgent For(EnvironmentSettings environment, PpoSettings? settings = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new PpoAgent(ModelMarketEnvironment.Features, environment.Actions.BidCount, environment.Actions.AskCount, settings, seed);
    }

    public PpoSettings Settings { get; }

    public ActorCritic Network { get; }

    /// <summary>Environment steps trained on, over all Train calls (and before a save).</summary>
    public long EnvironmentSteps { get; internal set; }

    /// <summary>Rollouts learned from.</summary>
    public long Updates { get; internal set; }

    /// <summary>
    /// Wall-clock time Train spent updating the networks in this process (not saved): what a
    /// benchmark subtracts to time the rollout alone (acting and the environment).
    /// </summary>
    public TimeSpan UpdateTime { get; private set; }

    /// <summary>Optimizer (minibatch) steps, over all Train calls and before a save.</summary>
    public long OptimizerSteps => _optimizerStepsBefore + (_optimizer?.StepCount ?? 0);

    /// <summary>When set, Train saves the agent here every <see cref="CheckpointInterval"/> environment steps, at its end and when cancelled.</summary>
    public string? CheckpointPath { get; set; }

    public long CheckpointInterval { get; set; } = 1_000_000;

    /// <summary>The action index bid·AskCount + ask at the medians of the policy's bid and ask depth distributions (<see cref="DepthDecoding"/>).</summary>
    public int Act(ReadOnlySpan<float> observation)
    {
        Span<float> bid = stackalloc float[Network.BidCount];
        Span<float> ask = stackalloc float[Network.AskCount];
        Network.Infer(observation, bid, ask);
        Softmax.Compute(bid, bid);
        Softmax.Compute(ask, ask);
        return (DepthDecoding.Median(bid) * Network.AskCount) + DepthDecoding.Median(ask);
    }

    /// <summary>
    /// Trains for at least <paramref name="steps"/> environment steps (whole rollouts of
    /// RolloutSteps × env.Count), resetting <paramref name="env"/> with <paramref name="seed"/>;
    /// the same agent seed, settings, environment and training seed give the same weights.
    /// Progress is reported on this thread after each update. Calling again continues: the network,
    /// the optimizer's moments and the counters carry over, the environment starts afresh. With
    /// annealing the learning rate falls linearly to 0 at EnvironmentSteps + steps, so resuming a
    /// saved run with the remaining steps continues its schedule.
    /// </summary>
    /// <exception cref="OperationCanceledException">After saving the checkpoint, when one is configured.</exception>
    public PpoProgress Train(IVectorEnvironment env, long steps, ulong seed, IProgress<PpoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (env.ObservationSize != Network.ObservationSize || env.ActionCount != Network.BidCount * Network.AskCount)
        {
            throw new ArgumentException(
                $"the agent takes {Network.ObservationSize} observations and {Network.BidCount}×{Network.AskCount} actions; the environment has {env.ObservationSize} and {env.ActionCount}",
                nameof(env));
        }

        _optimizer ??= new Adam(Network.Parameters, Network.Gradients, Settings.LearningRate);
        var trainer = new PpoTrainer(this, new GridPpoHead(Network, Settings, env), _optimizer);
        return trainer.Run(steps, seed, progress, cancellationToken);
    }

    /// <summary>
    /// Writes settings, weights and counters as JSON; floats round-trip exactly. The optimizer's
    /// moments are not saved: a loaded agent's Adam starts afresh (with its own bias correction).
    /// </summary>
    public void Save(string path) => PpoFile.Save(this, path);

    /// <summary>Reads an agent written by <see cref="Save"/>; a malformed file throws a DataFormatException naming the file, line and field.</summary>
    public static PpoAgent Load(string path) => PpoFile.Load(path);

    void IPpoTrainee.CountRollout(int steps, TimeSpan updating)
    {
        EnvironmentSteps += steps;
        Updates++;
        UpdateTime += updating;
    }

    void IPpoTrainee.SaveCheckpoint() => SaveCheckpoint();

    internal void SaveCheckpoint()
    {
        if (CheckpointPath is not null)
        {
            Save(CheckpointPath);
        }
    }
}
