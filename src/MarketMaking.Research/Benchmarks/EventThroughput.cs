namespace MarketMaking.Research.Benchmarks;

/// <summary>Events a market with a strategy attached processes per second.</summary>
/// <param name="Events">Events in one run.</param>
/// <param name="Runs">Timed runs (after the untimed warm-up).</param>
/// <param name="EventsPerSecond">The median over the timed runs, of wall-clock time.</param>
/// <param name="EventsPerCpuSecond">
/// The median over the timed runs, of the process's CPU time: on a machine shared with other work
/// the wall clock also counts the time the run waited for a core, the CPU time does not.
/// </param>
public sealed record EventThroughput(long Events, int Runs, double EventsPerSecond, double EventsPerCpuSecond);
