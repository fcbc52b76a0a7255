namespace MarketMaking.Data.Bybit;

/// <summary>The wait before reconnecting a stream: the first delay, doubled per consecutive failure, capped.</summary>
internal static class ReconnectBackoff
{
    public static TimeSpan After(BybitFeedOptions options, int failures)
    {
        double factor = Math.Pow(2, Math.Min(Math.Max(failures - 1, 0), 30));
        TimeSpan delay = options.ReconnectDelay * factor;
        return delay < options.MaxReconnectDelay ? delay : options.MaxReconnectDelay;
    }
}
