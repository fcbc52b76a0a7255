namespace MarketMaking.Strategies;

/// <summary>An extra quote level: ticks beyond the best quote, and its size as a multiple of the best quote's.</summary>
public readonly record struct QuoteLevelSpec(double OffsetTicks, double SizeFactor);
