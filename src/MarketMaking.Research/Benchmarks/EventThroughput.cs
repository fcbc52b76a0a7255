namespace MarketMaking.Research.Benchmarks;

/// <summary>Events a market with a strategy attached processes per second.</summary>
/// <param name="Events">Events in one run.</param>
/// <param name="Runs">Timed runs (after the untimed warm-up).</param>
/// <param name="EventsPerSecond">The median over the timed runs, of wall-clock time.</param>
/// <param name="EventsPerCpuSecond">
/// The median over the timed runs, of the process's CPU time: on a machine shared with other work
/// the wall clock also counts the time the run waited for a core, the CPU time does not.
/// </param>
/// <param name="Batches">
/// A replay's batches in one run (the events up to an end-of-batch marker: one update of the book as
/// the exchange sent it, when the strategy may decide; LOBSTER rows with one time stamp make one); 0
/// where the market has none.
/// </param>
public sealed record EventThroughput(long Events, int Runs, double EventsPerSecond, double EventsPerCpuSecond, long Batches = 0)
{
    /// <summary>Batches per second of wall-clock time (every run replays the same batches, so at the events' rate).</summary>
    public double BatchesPerSecond => Events > 0 ? EventsPerSecond * Batches / Events : 0;

    /// <summary>Batches per second of the process's CPU time.</summary>
    public double BatchesPerCpuSecond => Events > 0 ? EventsPerCpuSecond * Batches / Events : 0;
}
