namespace MarketMaking.Learning.Agents.Ppo;

/// <summary>What <see cref="PpoTrainer"/> needs of the agent it trains, whatever its action head: settings, counters and checkpoint.</summary>
internal interface IPpoTrainee
{
    PpoSettings Settings { get; }

    long EnvironmentSteps { get; }

    /// <summary>Rollouts learned from.</summary>
    long Updates { get; }

    string? CheckpointPath { get; }

    long CheckpointInterval { get; }

    /// <summary>Counts one rollout of <paramref name="steps"/> environment steps learned from in <paramref name="updating"/> of update time.</summary>
    void CountRollout(int steps, TimeSpan updating);

    void SaveCheckpoint();
}
