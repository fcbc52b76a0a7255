namespace MarketMaking.Data.Files;

/// <summary>A Binance depth update without its levels: where it came from and its update ids (U, u, pu).</summary>
internal readonly record struct DepthHeader(long Line, long ExchangeTime, long FirstId, long LastId, long PreviousId, int LevelStart, int LevelCount);
