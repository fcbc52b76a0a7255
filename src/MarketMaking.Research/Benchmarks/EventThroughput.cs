namespace MarketMaking.Research.Benchmarks;

/// <summary>Events a market with a strategy attached processes per second.</summary>
/// <param name="Events">Events in one run.</param>
/// <param name="Runs">Timed runs (after the untimed warm-up).</param>
/// <param name="EventsPerSecond">The median over the timed runs, of wall-clock time.</param>
/// <param name="EventsPerCpuSecond">
/// The median over the timed runs, of the process's CPU time: on a machine shared with other work
/// the wall clock also counts the time the run waited for a core, the CPU time does not.
/// </param>
/// <param name="Messages">Exchange messages in one run (a replay's batches: a LOBSTER message, a Databento record group); 0 where the market has none.</param>
public sealed record EventThroughput(long Events, int Runs, double EventsPerSecond, double EventsPerCpuSecond, long Messages = 0)
{
    /// <summary>Messages per second of wall-clock time (every run replays the same messages, so at the events' rate).</summary>
    public double MessagesPerSecond => Events > 0 ? EventsPerSecond * Messages / Events : 0;

    /// <summary>Messages per second of the process's CPU time.</summary>
    public double MessagesPerCpuSecond => Events > 0 ? EventsPerCpuSecond * Messages / Events : 0;
}
