using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard;

/// <summary>What one Server-Sent Event carries: the snapshot (without its recent lists), its point, and the fills and events not sent before.</summary>
public sealed record DashboardUpdate(SessionSnapshot Snapshot, HistoryPoint Point, IReadOnlyList<MonitorFill> Fills, IReadOnlyList<MonitorEvent> Events);
