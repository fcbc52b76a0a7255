namespace MarketMaking.Simulation.Matching;

/// <summary>One pre-generated message of a <see cref="MatchingWorkload"/>: a new order, or a cancel of <c>Order.Id</c>.</summary>
internal readonly record struct WorkloadMessage(bool IsCancel, OrderRequest Order);
