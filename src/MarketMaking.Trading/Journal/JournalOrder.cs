using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Journal;

/// <summary>One order's latest state as the journal holds it.</summary>
public sealed record JournalOrder(string LinkId, int Run, Side Side, decimal Price, decimal Quantity, bool ReduceOnly, string State, decimal Executed, string? ExchangeOrderId, long CreatedAt, long UpdatedAt, string? Reason);
