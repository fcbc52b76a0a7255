namespace MarketMaking.Research.Benchmarks;

/// <summary>Trajectory-steps the vectorized model market simulates per second.</summary>
/// <param name="Trajectories">Trajectories per run.</param>
/// <param name="Steps">Steps per trajectory.</param>
/// <param name="VectorWidth">Lanes per vector (trajectories stepped at once per core).</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="SecondsMedian">The median time of a run.</param>
/// <param name="TrajectoryStepsPerSecond">Trajectory-steps per second at the median time.</param>
/// <param name="TrajectoryStepsPerSecondBest">Trajectory-steps per second of the fastest run.</param>
/// <param name="TrajectoryStepsPerCpuSecond">
/// Trajectory-steps per second of the process's CPU time, median of the runs: on a loaded machine
/// this is what the code costs, where the wall clock also counts the time other processes held the cores.
/// </param>
public sealed record SimulationThroughput(int Trajectories, int Steps, int VectorWidth, int Threads, double SecondsMedian, double TrajectoryStepsPerSecond, double TrajectoryStepsPerSecondBest, double TrajectoryStepsPerCpuSecond);
