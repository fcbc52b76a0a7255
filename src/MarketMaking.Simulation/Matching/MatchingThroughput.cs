namespace MarketMaking.Simulation.Matching;

/// <summary>
/// Measured matching-engine speed: the median over <paramref name="Rounds"/> replays of
/// <paramref name="Messages"/> messages, and the bytes allocated per message in the round that allocated least (the steady state: the
/// JIT's tiering allocates once, in whichever round it finishes).
/// </summary>
public readonly record struct MatchingThroughput(int Messages, int Rounds, double MessagesPerSecond, double AllocatedBytesPerMessage);
