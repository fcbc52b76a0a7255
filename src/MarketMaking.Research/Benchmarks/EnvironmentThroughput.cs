namespace MarketMaking.Research.Benchmarks;

/// <summary>Trajectory-steps the RL environment takes per second with a fixed policy.</summary>
/// <param name="Trajectories">Trajectories per environment.</param>
/// <param name="Environments">Environments, one per core.</param>
/// <param name="Steps">Steps timed.</param>
/// <param name="TrajectoryStepsPerSecond">Trajectory-steps per second over all environments.</param>
public sealed record EnvironmentThroughput(int Trajectories, int Environments, int Steps, double TrajectoryStepsPerSecond);
