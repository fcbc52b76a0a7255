using System.Globalization;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Agents.Dqn;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Agents.QLearning;
using MarketMaking.Learning.Agents.Sac;
using MarketMaking.Learning.Environments;

namespace MarketMaking.Research.Training;

/// <summary>
/// The RL agents by name (qlearning, dqn, ppo, sac, ppo-continuous) behind one face: create with tuned defaults, train
/// with a progress callback, save, load a policy file whatever agent wrote it (by its "format"
/// field). An agent is an <see cref="object"/> here: a Q-learning, DQN, PPO, continuous PPO or SAC agent, or an ensemble.
/// SAC and continuous PPO quote continuous depths and train on environments that take them (the model market, the book).
/// </summary>
public static class AgentCatalog
{
    /// <summary>The agents' names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["qlearning", "dqn", "ppo", "sac", "ppo-continuous"];

    /// <summary>Transitions each agent trains for by default: what reached its benchmark figure in the README.</summary>
    public static long DefaultSteps(string kind) => kind switch
    {
        "qlearning" => 400_000_000,
        "dqn" => 2_000_000,
        "sac" => SacDefaultSteps,
        "ppo-continuous" => 3_000_000,
        _ => 6_000_000,
    };

    private const long SacDefaultSteps = 3_000_000;

    /// <summary>
    /// Members trained on their own seeds and acting together, by default: PPO's single runs land
    /// 84–87% of the benchmark gap, three together about 91%; DQN's 52–78%, four together about 83%;
    /// continuous PPO's 88–89% (3 M transitions), three together 90.5–91.1%.
    /// </summary>
    public static int DefaultMembers(string kind) => kind switch
    {
        "ppo" or "ppo-continuous" => 3,
        "dqn" => 4,
        _ => 1,
    };

    /// <summary>Trajectories stepped together by default (DQN and Q-learning learn from each transition; PPO wants wide rollouts).</summary>
    public static int DefaultEnvironments(string kind) => kind is "ppo" or "ppo-continuous" ? 256 : 64;

    /// <summary>
    /// A new agent of <paramref name="kind"/> for an environment. Q-learning uses a factored table
    /// (Q = Q_bid + Q_ask: each transition teaches 1 of 12 cells per side, not 1 of 144) and ten time
    /// bins, with ε decaying over half of <paramref name="steps"/>.
    /// </summary>
    public static object Create(string kind, AgentShape settings, int seed, long steps, AgentOverrides overrides, int members = 1) => (kind, members) switch
    {
        (_, < 1) => throw new InvalidParameterException("members", $"must be at least 1, got {members}"),
        ("ppo", > 1) => new PpoEnsemble([.. Enumerable.Range(0, members).Select(i => Create(kind, settings, seed + i, steps, overrides)).Cast<PpoAgent>()]),
        ("dqn", > 1) => new DqnEnsemble([.. Enumerable.Range(0, members).Select(i => Create(kind, settings, seed + i, steps, overrides)).Cast<DqnAgent>()]),
        ("ppo-continuous", > 1) => new ContinuousPpoEnsemble([.. Enumerable.Range(0, members).Select(i => Create(kind, settings, seed + i, steps, overrides)).Cast<ContinuousPpoAgent>()]),
        (_, > 1) => throw new InvalidParameterException("members", $"ensembles are built of PPO, continuous PPO or DQN agents; {kind} trains one"),
        _ => Single(kind, settings, seed, steps, overrides),
    };

    private static object Single(string kind, AgentShape settings, int seed, long steps, AgentOverrides overrides) => kind switch
    {
        "qlearning" => new QLearningAgent(
            new QLearningSettings
            {
                MaxInventory = settings.MaxInventory,
                TimeBins = 10,
                FactoredAskCount = settings.Actions.AskCount,
                EpsilonDecaySteps = steps / 2,
                Gamma = overrides.Discount ?? 1,
            },
            settings.Actions.Count),
        "dqn" => new DqnAgent(Dqn(settings, overrides), settings.Observation.Size, settings.Actions.Count, seed),
        "ppo" => new PpoAgent(settings.Observation.Size, settings.Actions.BidCount, settings.Actions.AskCount, Ppo(overrides), seed),
        "sac" => new SacAgent(settings.Observation.Size, settings.Depths, Sac(overrides), seed),
        "ppo-continuous" => new ContinuousPpoAgent(settings.Observation.Size, settings.Depths, Ppo(overrides), seed, squash: overrides.Squash ?? ActionSquash.Tanh),
        _ => throw new InvalidParameterException("agent", $"unknown agent '{kind}'; known: {string.Join(", ", Names)}"),
    };

    private static DqnSettings Dqn(AgentShape settings, AgentOverrides o)
    {
        var d = new DqnSettings { FactoredAskCount = settings.Actions.AskCount };
        return d with
        {
            LearningRate = o.LearningRate ?? d.LearningRate,
            BatchSize = o.BatchSize ?? d.BatchSize,
            Gamma = o.Discount ?? d.Gamma,
            UpdateEvery = o.UpdateFrequency ?? d.UpdateEvery,
        };
    }

    private static PpoSettings Ppo(AgentOverrides o)
    {
        var p = new PpoSettings();
        return p with
        {
            LearningRate = (float?)o.LearningRate ?? p.LearningRate,
            MinibatchSize = o.BatchSize ?? p.MinibatchSize,
            Discount = (float?)o.Discount ?? p.Discount,
            RolloutSteps = o.UpdateFrequency ?? p.RolloutSteps,
            GaeLambda = (float?)o.GaeLambda ?? p.GaeLambda,
            EntropyCoefficient = (float?)o.EntropyCoefficient ?? p.EntropyCoefficient,
            TimeScale = (float?)o.TimeScale ?? p.TimeScale,
            TimeProducts = o.TimeProducts ?? p.TimeProducts,
        };
    }

    private static SacSettings Sac(AgentOverrides o)
    {
        var s = new SacSettings();
        return s with
        {
            LearningRate = (float?)o.LearningRate ?? s.LearningRate,
            BatchSize = o.BatchSize ?? s.BatchSize,
            Discount = (float?)o.Discount ?? s.Discount,
            UpdateEvery = o.UpdateFrequency ?? s.UpdateEvery,
        };
    }

    /// <summary>Members of a trained agent (1 unless it is an ensemble).</summary>
    public static int MembersOf(object agent) => agent switch
    {
        PpoEnsemble p => p.Members.Count,
        DqnEnsemble d => d.Members.Count,
        ContinuousPpoEnsemble c => c.Members.Count,
        _ => 1,
    };

    /// <summary>Transitions the agent has trained for, over all its members (what its policy file records).</summary>
    public static long StepsTrained(object agent) => agent switch
    {
        QLearningAgent q => q.Steps,
        DqnAgent d => d.Steps,
        DqnEnsemble e => e.Steps,
        PpoAgent p => p.EnvironmentSteps,
        PpoEnsemble e => e.EnvironmentSteps,
        SacAgent s => s.Steps,
        ContinuousPpoAgent c => c.EnvironmentSteps,
        ContinuousPpoEnsemble c => c.EnvironmentSteps,
        _ => throw new ArgumentException($"not an agent: {agent?.GetType().Name}", nameof(agent)),
    };

    /// <summary>
    /// What a run's transitions come in: PPO learns from whole rollouts (its rollout steps × <paramref name="trajectories"/>),
    /// the others from whole steps of the trajectories; a run ends at the first whole one at or past the steps asked.
    /// </summary>
    public static (long Transitions, string Name) StepUnit(object agent, int trajectories)
    {
        int? rollout = agent switch
        {
            PpoAgent p => p.Settings.RolloutSteps,
            PpoEnsemble e => e.Members[0].Settings.RolloutSteps,
            ContinuousPpoAgent c => c.Settings.RolloutSteps,
            ContinuousPpoEnsemble ce => ce.Members[0].Settings.RolloutSteps,
            _ => null,
        };
        return rollout is { } length
            ? ((long)length * trajectories, string.Create(CultureInfo.InvariantCulture, $"whole rollouts of {(long)length * trajectories:N0} transitions"))
            : (trajectories, string.Create(CultureInfo.InvariantCulture, $"whole steps of {trajectories:N0} trajectories"));
    }

    /// <summary>
    /// Trains <paramref name="agent"/> for <paramref name="steps"/> transitions (each member, for an
    /// ensemble), reporting (transitions so far, per second, mean episode reward); reports never overlap.
    /// A DQN ensemble trains its members side by side, each in an environment of its own.
    /// </summary>
    public static void Train(object agent, Func<IVectorEnvironment> environments, long steps, ulong seed, Action<long, double, double> report, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(environments);
        if (agent is DqnEnsemble ensemble)
        {
            ensemble.Train(environments, steps, seed, new InlineProgress<Learning.Agents.TrainingProgress>(p => report(p.RunSteps, p.StepsPerSecond, p.MeanEpisodeReward)), cancellation);
            return;
        }

        IVectorEnvironment env = environments();
        switch (agent)
        {
            case QLearningAgent q:
                q.Train(env, steps, seed, new InlineProgress<Learning.Agents.TrainingProgress>(p => report(p.RunSteps, p.StepsPerSecond, p.MeanEpisodeReward)), cancellation);
                break;
            case DqnAgent d:
                d.Train(env, steps, seed, new InlineProgress<Learning.Agents.TrainingProgress>(p => report(p.RunSteps, p.StepsPerSecond, p.MeanEpisodeReward)), cancellation);
                break;
            case PpoAgent p:
                long start = p.EnvironmentSteps;
                p.Train(env, steps, seed, new InlineProgress<Learning.Agents.Ppo.PpoProgress>(r => report(r.EnvironmentSteps - start, r.StepsPerSecond, r.MeanEpisodeReward)), cancellation);
                break;
            case SacAgent s:
                s.Train(Continuous(env, "sac"), steps, seed, new InlineProgress<Learning.Agents.TrainingProgress>(p => report(p.RunSteps, p.StepsPerSecond, p.MeanEpisodeReward)), cancellation);
                break;
            case ContinuousPpoAgent c:
                long first = c.EnvironmentSteps;
                c.Train(Continuous(env, "ppo-continuous"), steps, seed, new InlineProgress<Learning.Agents.Ppo.PpoProgress>(r => report(r.EnvironmentSteps - first, r.StepsPerSecond, r.MeanEpisodeReward)), cancellation);
                break;
            case ContinuousPpoEnsemble ce:
                long already = ce.EnvironmentSteps;
                ce.Train(Continuous(env, "ppo-continuous"), steps, seed, new InlineProgress<Learning.Agents.Ppo.PpoProgress>(r => report(r.EnvironmentSteps - already, r.StepsPerSecond, r.MeanEpisodeReward)), cancellation);
                break;
            case PpoEnsemble e:
                long before = e.EnvironmentSteps;
                e.Train(env, steps, seed, new InlineProgress<Learning.Agents.Ppo.PpoProgress>(r => report(r.EnvironmentSteps - before, r.StepsPerSecond, r.MeanEpisodeReward)), cancellation);
                break;
            default:
                throw new ArgumentException($"not an agent: {agent.GetType().Name}", nameof(agent));
        }
    }

    private static IContinuousEnvironment Continuous(IVectorEnvironment env, string kind) => env as IContinuousEnvironment
        ?? throw new InvalidParameterException("env", $"{kind} quotes continuous depths; this environment takes grid actions only (train {kind} on the model market or the book)");

    /// <summary>Writes the agent's policy file (JSON).</summary>
    public static void Save(object agent, string path)
    {
        switch (agent)
        {
            case QLearningAgent q:
                q.Save(path);
                break;
            case DqnAgent d:
                d.Save(path);
                break;
            case DqnEnsemble de:
                de.Save(path);
                break;
            case PpoAgent p:
                p.Save(path);
                break;
            case PpoEnsemble e:
                e.Save(path);
                break;
            case SacAgent s:
                s.Save(path);
                break;
            case ContinuousPpoAgent c:
                c.Save(path);
                break;
            case ContinuousPpoEnsemble ce:
                ce.Save(path);
                break;
            default:
                throw new ArgumentException($"not an agent: {agent.GetType().Name}", nameof(agent));
        }
    }

    /// <summary>
    /// Writes the agent's policy file with one more field first (a member's marker, the settings it trained with),
    /// atomically; the agents' readers pass over fields they do not know.
    /// </summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    internal static void Save(object agent, string path, string field, object value)
    {
        string scratch = path + ".scratch";
        Save(agent, scratch);
        string text = File.ReadAllText(scratch);
        File.Delete(scratch);
        int open = text.IndexOf('{', StringComparison.Ordinal);
        string written = JsonSerializer.Serialize(value, Runs.Json.Options).ReplaceLineEndings("\n  ");
        Runs.OutputFiles.WriteAtomically(path, w => w.Write($"{{\n  \"{field}\": {written},{text[(open + 1)..]}"));
    }

    /// <summary>The agent in a policy file, to resume training.</summary>
    public static (string Kind, object Agent) LoadAgent(string path) => FormatOf(path) switch
    {
        "marketmaking.qlearning" => ("qlearning", QLearningAgent.Load(path)),
        "marketmaking.dqn" => ("dqn", DqnAgent.Load(path)),
        "marketmaking.dqn-ensemble" => ("dqn", DqnEnsemble.Load(path)),
        "marketmaking.ppo" => ("ppo", PpoAgent.Load(path)),
        "marketmaking.ppo-ensemble" => ("ppo", PpoEnsemble.Load(path)),
        "marketmaking.sac" => ("sac", SacAgent.Load(path)),
        "marketmaking.ppo-continuous" => ("ppo-continuous", ContinuousPpoAgent.Load(path)),
        "marketmaking.ppo-continuous-ensemble" => ("ppo-continuous", ContinuousPpoEnsemble.Load(path)),
        var other => throw new DataFormatException(path, 0, "format", $"\"{other}\" is not a policy this build reads (qlearning, dqn, dqn-ensemble, ppo, ppo-ensemble, sac, ppo-continuous, ppo-continuous-ensemble)"),
    };

    /// <summary>The greedy policy in a policy file, checked against the environment it will act in (grid agents only).</summary>
    public static (string Kind, IDiscretePolicy Policy) Load(string path, AgentShape settings)
    {
        (string kind, object agent) = LoadAgent(path);
        return (kind, Discrete(path, agent, settings));
    }

    /// <summary>
    /// The policy in a policy file as a quoting strategy for a model-market environment, whatever
    /// agent wrote it (grid or continuous), checked against the environment.
    /// </summary>
    public static (string Kind, PolicyStrategy Strategy) LoadStrategy(string path, EnvironmentSettings environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        (string kind, object agent) = LoadAgent(path);
        if (AsContinuous(agent) is { Policy: var policy, Observations: var observations })
        {
            if (observations != environment.Observation.Size)
            {
                throw new DataFormatException(path, 0, "observation_size", $"the policy observes {observations} values but the environment gives {environment.Observation.Size}");
            }

            return (kind, new PolicyStrategy(kind, policy, environment));
        }

        return (kind, new PolicyStrategy(kind, Discrete(path, agent, AgentShape.Of(environment)), environment));
    }

    /// <summary>
    /// The policy in a policy file as a quoting strategy on the agent-based book (one lot per quote),
    /// grid or continuous; a continuous policy must have trained on the book's depths (ticks), which it
    /// quotes times the tick size.
    /// </summary>
    public static (string Kind, PolicyStrategy Strategy) LoadStrategy(string path, AgentEnvironmentSettings book)
    {
        ArgumentNullException.ThrowIfNull(book);
        (string kind, object agent) = LoadAgent(path);
        double lot = book.Market.LotSize;
        if (AsContinuous(agent) is { Policy: var policy, Observations: var observations, Depths: var depths })
        {
            if (observations != book.Observation.Size)
            {
                throw new DataFormatException(path, 0, "observation_size", $"the policy observes {observations} values but the book gives {book.Observation.Size}");
            }

            if (depths != book.Depths)
            {
                throw new DataFormatException(path, 0, "depths", $"the policy quotes depths in [{depths.Min:G}, {depths.Max:G}] but the book takes [{book.Depths.Min:G}, {book.Depths.Max:G}] ticks: train it with --env lob");
            }

            return (kind, new PolicyStrategy(kind, policy, book.MaxInventory, book.EpisodeSeconds, book.Observation, lot, book.Market.TickSize));
        }

        return (kind, new PolicyStrategy(kind, Discrete(path, agent, AgentShape.Of(book)), book.Actions, book.MaxInventory, book.EpisodeSeconds, book.Observation, lot));
    }

    /// <summary>
    /// Throws unless the agent read from <paramref name="path"/> can train in an environment of
    /// <paramref name="shape"/>: a policy resumed on another environment (one trained on cj resumed
    /// with --env lob) would otherwise fail inside training with the sizes but not the file.
    /// </summary>
    /// <exception cref="DataFormatException">The agent's observations, actions or depths are not the environment's.</exception>
    public static void RequireFits(string path, object agent, AgentShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (AsContinuous(agent) is { Observations: var continuousObservations, Depths: var depths })
        {
            if (continuousObservations != shape.Observation.Size)
            {
                throw new DataFormatException(path, 0, "observation_size", $"the policy observes {continuousObservations} values but the environment gives {shape.Observation.Size}");
            }

            if (depths != shape.Depths)
            {
                throw new DataFormatException(path, 0, "depths", $"the policy quotes depths in [{depths.Min:G}, {depths.Max:G}] but the environment takes [{shape.Depths.Min:G}, {shape.Depths.Max:G}]");
            }

            return;
        }

        int observations = agent switch
        {
            QLearningAgent q => q.States.ObservationSize,
            DqnAgent d => d.ObservationSize,
            DqnEnsemble e => e.Members[0].ObservationSize,
            PpoAgent p => p.Network.ObservationSize,
            PpoEnsemble e => e.Members[0].Network.ObservationSize,
            _ => throw new ArgumentException($"not an agent: {agent?.GetType().Name}", nameof(agent)),
        };
        _ = Discrete(path, agent, shape);

        // Q-learning reads the first values only (inventory, time left); the networks take every one.
        if (agent is QLearningAgent ? observations > shape.Observation.Size : observations != shape.Observation.Size)
        {
            throw new DataFormatException(path, 0, "observation_size", $"the policy observes {observations} values but the environment gives {shape.Observation.Size}");
        }
    }

    private static (IContinuousPolicy Policy, int Observations, DepthRange Depths)? AsContinuous(object agent) => agent switch
    {
        SacAgent s => (s, s.ObservationSize, s.Depths),
        ContinuousPpoAgent c => (c, c.ObservationSize, c.Depths),
        ContinuousPpoEnsemble e => (e, e.ObservationSize, e.Depths),
        _ => null,
    };

    private static IDiscretePolicy Discrete(string path, object agent, AgentShape settings)
    {
        int actions = agent switch
        {
            QLearningAgent q => q.ActionCount,
            DqnAgent d => d.ActionCount,
            DqnEnsemble e => e.ActionCount,
            PpoAgent p => p.Network.BidCount * p.Network.AskCount,
            PpoEnsemble e => e.BidCount * e.AskCount,
            SacAgent or ContinuousPpoAgent or ContinuousPpoEnsemble => throw new DataFormatException(path, 0, "format", "a continuous policy (sac, ppo-continuous) quotes continuous depths; it acts on the model market and the book (mm evaluate --env cj|lob), not on grid actions"),
            _ => 0,
        };
        if (actions != settings.Actions.Count)
        {
            throw new DataFormatException(path, 0, "actions", $"the policy chooses among {actions} actions but the environment has {settings.Actions.Count}");
        }

        return (IDiscretePolicy)agent;
    }

    private static string FormatOf(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            using JsonDocument document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out JsonElement format) && format.ValueKind == JsonValueKind.String
                ? format.GetString()!
                : throw new DataFormatException(path, 0, "format", "missing: not a policy file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFormatException.Unreadable(path, e);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "json", "not valid JSON");
        }
    }
}
