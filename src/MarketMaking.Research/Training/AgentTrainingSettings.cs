namespace MarketMaking.Research.Training;

/// <summary>How an RL agent is trained; null settings take the agent's tuned defaults (<see cref="AgentCatalog"/>).</summary>
public sealed record AgentTrainingSettings
{
    /// <summary>The agent to train: qlearning, dqn or ppo; null when resuming.</summary>
    public string? Agent { get; init; }

    /// <summary>A policy file whose agent training continues; null to start a new agent.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Transitions to train for, per member (one step of N trajectories counts N).</summary>
    public long? Steps { get; init; }

    /// <summary>Trajectories stepped together.</summary>
    public int? Environments { get; init; }

    /// <summary>Agents trained on seeds Seed, Seed + 1, … that act together (PPO, DQN).</summary>
    public int? Members { get; init; }

    /// <summary>
    /// Train only this member (0 … <see cref="Members"/> − 1) of the ensemble, on the seeds it gets in
    /// a one-process ensemble, written as an <see cref="EnsembleMemberFile"/>; null trains them all.
    /// </summary>
    public int? Member { get; init; }

    /// <summary>
    /// What else identifies the run (the environment's preset, reward shaping …): recorded in a member's file and checked when
    /// members merge; its environment settings are recorded in every policy file too (<see cref="TrainingRecord"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Run { get; init; } = new Dictionary<string, string>();

    /// <summary>The random seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Hyperparameters that replace the agent's tuned defaults.</summary>
    public AgentOverrides Overrides { get; init; } = AgentOverrides.None;

    /// <summary>The policy file written at the end and at every checkpoint; null writes none.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Transitions between checkpoints written to <see cref="OutputPath"/> (0: only at the end).</summary>
    public long CheckpointEvery { get; init; } = 5_000_000;

    /// <summary>A CSV learning curve (steps, seconds, steps/s, mean episode reward); null writes none.</summary>
    public string? CurvePath { get; init; }
}
