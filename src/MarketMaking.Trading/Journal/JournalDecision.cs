namespace MarketMaking.Trading.Journal;

/// <summary>A decision's figures as queued for the journal: formatted by <see cref="DecisionText"/> on the writer's thread.</summary>
internal readonly record struct JournalDecision(double Time, double Mid, double Position, double Bid, double Ask);
