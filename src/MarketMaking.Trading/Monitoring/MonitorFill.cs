using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Monitoring;

/// <summary>One execution as the dashboard shows it: <paramref name="Sequence"/> counts fills from 1, <paramref name="Time"/> is the venue's (Unix ns), <paramref name="Mid"/> the mid when it arrived.</summary>
public sealed record MonitorFill(long Sequence, long Time, Side Side, double Price, double Quantity, double Fee, bool IsMaker, double Mid);
