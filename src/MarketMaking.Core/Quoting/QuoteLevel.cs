namespace MarketMaking.Core.Quoting;

/// <summary>One desired resting order: a price and a quantity (in instrument units, not lots).</summary>
public readonly record struct QuoteLevel(double Price, double Quantity);
