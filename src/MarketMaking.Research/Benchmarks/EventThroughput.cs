namespace MarketMaking.Research.Benchmarks;

/// <summary>Events a market with a strategy attached processes per second.</summary>
/// <param name="Events">Events in one run.</param>
/// <param name="Runs">Timed runs (after one untimed warm-up run).</param>
/// <param name="EventsPerSecond">The median over the timed runs.</param>
public sealed record EventThroughput(long Events, int Runs, double EventsPerSecond);
