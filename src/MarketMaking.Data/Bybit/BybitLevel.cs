namespace MarketMaking.Data.Bybit;

/// <summary>One price level of a Bybit order book, as Bybit sent it.</summary>
public readonly record struct BybitLevel(decimal Price, decimal Size);
