using System.Diagnostics;
using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Training;

/// <summary>
/// One training run of an RL agent: a new agent with tuned defaults, or one resumed from its
/// policy file, trained on an environment with a learning curve, periodic checkpoints and a
/// final policy file. What <c>mm train --agent</c> runs:
/// <code>
/// var training = AgentTraining.Prepare(new AgentTrainingSettings { Agent = "ppo", OutputPath = "ppo.json" }, TrainingEnvironment.Model("cj"));
/// AgentTrainingResult result = training.Run();
/// </code>
/// </summary>
public sealed class AgentTraining
{
    private readonly AgentTrainingSettings _settings;
    private readonly TrainingEnvironment _environment;
    private readonly int _trajectories;

    private AgentTraining(AgentTrainingSettings settings, TrainingEnvironment environment, string kind, object agent, long stepsAsked, int trajectories, long? resumedSteps)
    {
        _settings = settings;
        _environment = environment;
        _trajectories = trajectories;
        Kind = kind;
        Agent = agent;
        StepsAsked = stepsAsked;
        (long unit, StepUnit) = AgentCatalog.StepUnit(agent, trajectories);
        StepsPerMember = (stepsAsked + unit - 1) / unit * unit;
        ResumedFromStep = resumedSteps;
    }

    /// <summary>The agent's name: qlearning, dqn or ppo.</summary>
    public string Kind { get; }

    /// <summary>The agent being trained (see <see cref="AgentCatalog"/>).</summary>
    public object Agent { get; }

    /// <summary>Transitions each member was asked to train for (--steps, or the agent's default).</summary>
    public long StepsAsked { get; }

    /// <summary>Transitions each member trains for: <see cref="StepsAsked"/> rounded up to whole <see cref="StepUnit"/>s.</summary>
    public long StepsPerMember { get; }

    /// <summary>What the run's transitions come in (whole rollouts of N transitions, whole steps of N trajectories).</summary>
    public string StepUnit { get; }

    /// <summary>When resuming: the transitions each member had trained for in the policy file; null for a new agent.</summary>
    public long? ResumedFromStep { get; }

    /// <summary>Transitions of the whole run: every member's.</summary>
    public long TotalSteps => StepsPerMember * AgentCatalog.MembersOf(Agent);

    /// <summary>
    /// Checks the settings and creates the agent, or loads the one being resumed. The policy and
    /// curve files are checked here, so a path that cannot be written fails before any training,
    /// not after it.
    /// </summary>
    /// <exception cref="InvalidParameterException">No agent is named, the agent named is not the one being resumed, or a setting is out of range.</exception>
    /// <exception cref="DataFormatException">The policy file to resume is not one.</exception>
    /// <exception cref="OutputException">The policy or curve file cannot be written.</exception>
    public static AgentTraining Prepare(AgentTrainingSettings settings, TrainingEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        if (settings.Agent is null && settings.ResumeFrom is null)
        {
            throw new InvalidParameterException("agent", $"name an agent to train ({string.Join(", ", AgentCatalog.Names)}) or a policy file to resume");
        }

        (string Kind, object Agent)? resumed = settings.ResumeFrom is { } from ? AgentCatalog.LoadAgent(from) : null;
        if (resumed is { Kind: var found } && settings.Agent is { } named && named != found)
        {
            throw new InvalidParameterException("agent", $"{settings.ResumeFrom} holds a {found} policy, not {named}: resume it with --agent {found} (or without --agent)");
        }

        if (resumed is { Agent: var loaded } && settings.Members is { } asked && asked != AgentCatalog.MembersOf(loaded))
        {
            throw new InvalidParameterException("members", $"the policy being resumed has {AgentCatalog.MembersOf(loaded)}, not {asked}");
        }

        if (resumed is { Agent: var toResume })
        {
            AgentCatalog.RequireFits(settings.ResumeFrom!, toResume, environment.Shape);

            // The file holds the agent with the settings it was created with; an option would change nothing.
            if (settings.Overrides.Set().FirstOrDefault() is { } ignored)
            {
                throw new InvalidParameterException(ignored, $"a resumed agent keeps the settings it was trained with ({settings.ResumeFrom}); --{ignored} does not go with --resume");
            }
        }

        string kind = resumed?.Kind ?? settings.Agent!;
        settings.Overrides.RequireReadBy(kind);
        if (settings.CheckpointEvery < 0)
        {
            throw new InvalidParameterException("checkpoint-every", $"must be zero (only at the end) or positive, got {settings.CheckpointEvery}");
        }

        if (settings.Member is { } member)
        {
            CheckMember(settings, kind, member);
        }

        long steps = settings.Steps ?? AgentCatalog.DefaultSteps(kind);
        if (steps <= 0)
        {
            throw new InvalidParameterException("steps", $"must be positive, got {steps}");
        }

        int trajectories = settings.Environments ?? AgentCatalog.DefaultEnvironments(kind);
        if (trajectories < 1)
        {
            throw new InvalidParameterException("envs", $"must be at least 1, got {trajectories}");
        }

        // A member alone is created as the one-process ensemble creates it: on seed SEED + index.
        object agent = resumed?.Agent ?? (settings.Member is { } index
            ? AgentCatalog.Create(kind, environment.Shape, (int)(settings.Seed % int.MaxValue) + index, steps, settings.Overrides)
            : AgentCatalog.Create(kind, environment.Shape, (int)(settings.Seed % int.MaxValue), steps, settings.Overrides, settings.Members ?? AgentCatalog.DefaultMembers(kind)));
        foreach (string? output in new[] { settings.OutputPath, settings.CurvePath })
        {
            if (output is not null && output != settings.ResumeFrom)
            {
                OutputFiles.RequireWritable(output);
            }
        }

        long? resumedSteps = resumed is { Agent: var trained } ? AgentCatalog.StepsTrained(trained) / AgentCatalog.MembersOf(trained) : null;
        return new AgentTraining(settings, environment, kind, agent, steps, trajectories, resumedSteps);
    }

    /// <summary>
    /// Trains, appending to the learning curve (flushed line by line, so an interrupted run keeps
    /// its curve) and writing checkpoints as it goes, reporting each step of progress (on the
    /// training thread), and writes the policy file at the end.
    /// </summary>
    /// <exception cref="OutputException">The curve or policy file cannot be written.</exception>
    public AgentTrainingResult Run(IProgress<AgentTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        string? path = _settings.OutputPath;
        long every = _settings.CheckpointEvery;
        using StreamWriter? curve = _settings.CurvePath is { } curvePath ? OutputFiles.Create(curvePath) : null;
        curve?.WriteLine("steps,seconds,steps_per_second,mean_episode_reward");
        curve?.Flush();
        var clock = Stopwatch.StartNew();
        long nextCheckpoint = every > 0 ? every : long.MaxValue;
        var last = new AgentTrainingProgress(0, double.NaN, double.NaN);
        ulong seed = _settings.Seed + (ulong)(_settings.Member ?? 0);

        // The steps asked, not the rounded ones: PPO anneals its step size to 0 over them, as it always has.
        AgentCatalog.Train(Agent, () => _environment.Create(_trajectories), StepsAsked, seed, (done, rate, reward) =>
        {
            last = new AgentTrainingProgress(done, rate, reward);

            // Until an episode finishes there is no mean: an empty field, which CSV readers take as missing ("NaN" is text to most).
            curve?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{done},{clock.Elapsed.TotalSeconds:F3},{rate:F0},{(double.IsNaN(reward) ? string.Empty : reward.ToString("G6", CultureInfo.InvariantCulture))}"));
            curve?.Flush();
            progress?.Report(last);
            if (path is not null && done >= nextCheckpoint)
            {
                Save(path, complete: false);
                nextCheckpoint += every;
            }
        }, cancellation);
        if (path is not null)
        {
            Save(path, complete: true);
        }

        return new AgentTrainingResult(Kind, last.Steps, clock.Elapsed.TotalSeconds, last.StepsPerSecond, last.MeanEpisodeReward, path);
    }

    private static void CheckMember(AgentTrainingSettings settings, string kind, int member)
    {
        if (kind is not ("ppo" or "dqn" or "ppo-continuous"))
        {
            throw new InvalidParameterException("member", $"ensembles are built of PPO, continuous PPO or DQN agents; {kind} trains one");
        }

        if (settings.ResumeFrom is not null)
        {
            throw new InvalidParameterException("member", "a member trains from its seed: --member does not go with --resume (a failed member is trained again)");
        }

        int members = settings.Members ?? throw new InvalidParameterException("members", "--member I needs --members N: the ensemble's size");
        if (members < 1 || member < 0 || member >= members)
        {
            throw new InvalidParameterException("member", $"must be 0 … {members - 1} for --members {members}, got {member}");
        }
    }

    /// <summary>The whole run's settings, which every member of one ensemble shares.</summary>
    private Dictionary<string, string> RunSettings()
    {
        var c = CultureInfo.InvariantCulture;
        AgentOverrides o = _settings.Overrides;
        var run = new Dictionary<string, string>(_settings.Run)
        {
            ["agent"] = Kind,
            ["environment"] = _environment.Name,
            ["seed"] = _settings.Seed.ToString(c),
            ["steps"] = StepsAsked.ToString(c),
            ["envs"] = _trajectories.ToString(c),
            ["learning_rate"] = o.LearningRate?.ToString("R", c) ?? "default",
            ["batch_size"] = o.BatchSize?.ToString(c) ?? "default",
            ["discount"] = o.Discount?.ToString("R", c) ?? "default",
            ["update_frequency"] = o.UpdateFrequency?.ToString(c) ?? "default",
            ["gae_lambda"] = o.GaeLambda?.ToString("R", c) ?? "default",
            ["entropy_coefficient"] = o.EntropyCoefficient?.ToString("R", c) ?? "default",
        };
        if (o.TimeScale is { } timeScale)
        {
            // Only when set, so members trained before the setting existed still merge with default runs.
            run["time_scale"] = timeScale.ToString("R", c);
        }

        if (o.TimeProducts is { } products)
        {
            run["time_products"] = products ? "true" : "false";
        }

        if (o.Squash is { } squash)
        {
            run["squash"] = squash.Name();
        }

        return run;
    }

    private void Save(string path, bool complete)
    {
        if (_settings.Member is { } index)
        {
            var member = new EnsembleMember { Index = index, Members = _settings.Members!.Value, Complete = complete, Steps = AgentCatalog.StepsTrained(Agent), Run = RunSettings() };
            EnsembleMemberFile.Save(Agent, member, path);
        }
        else
        {
            TrainingRecord.Save(Agent, TrainingRecord.Of(RunSettings()), path);
        }
    }
}
