namespace MarketMaking.Research.Quoting;

/// <summary>A model's quotes at one inventory level, as distances from the mid.</summary>
/// <param name="Q">Inventory in order sizes.</param>
/// <param name="Bid">Bid depth below the mid; null when the bid is not quoted.</param>
/// <param name="Ask">Ask depth above the mid; null when the ask is not quoted.</param>
public sealed record QuoteDepth(int Q, double? Bid, double? Ask);
