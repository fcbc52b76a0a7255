namespace MarketMaking.Core.MarketData;

/// <summary>
/// One OHLCV bar. <paramref name="OpenTime"/> is ns since the epoch; the bar covers
/// [OpenTime, OpenTime + duration). Prices are in the unit of their source: instrument price units
/// for bar files, ticks for bars built from tick data (estimators that use log ratios or
/// standardized changes do not care which).
/// </summary>
public readonly record struct Bar(long OpenTime, double Open, double High, double Low, double Close, double Volume);
