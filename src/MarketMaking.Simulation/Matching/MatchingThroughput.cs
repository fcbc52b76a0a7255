namespace MarketMaking.Simulation.Matching;

/// <summary>
/// Measured matching-engine speed: the median over <paramref name="Rounds"/> replays of
/// <paramref name="Messages"/> messages, and the bytes allocated per message across all rounds.
/// </summary>
public readonly record struct MatchingThroughput(int Messages, int Rounds, double MessagesPerSecond, double AllocatedBytesPerMessage);
