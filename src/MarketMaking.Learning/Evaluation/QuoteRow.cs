namespace MarketMaking.Learning.Evaluation;

/// <summary>Bid and ask depths two strategies quote at one inventory and time left (NaN: side not quoted).</summary>
public readonly record struct QuoteRow(int Inventory, double TimeLeft, double BidDepth, double AskDepth, double ReferenceBidDepth, double ReferenceAskDepth);
