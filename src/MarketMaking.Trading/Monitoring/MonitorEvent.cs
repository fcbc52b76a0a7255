namespace MarketMaking.Trading.Monitoring;

/// <summary>One line of the dashboard's event log: <paramref name="Sequence"/> counts events from 1, <paramref name="Time"/> is local (Unix ns), <paramref name="Kind"/> a journal event kind or a fault kind.</summary>
public sealed record MonitorEvent(long Sequence, long Time, string Kind, string Detail);
