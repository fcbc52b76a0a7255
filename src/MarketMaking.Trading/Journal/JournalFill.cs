using MarketMaking.Core.Orders;

namespace MarketMaking.Trading.Journal;

/// <summary>One execution as the journal holds it.</summary>
public sealed record JournalFill(string ExecutionId, int Run, string LinkId, Side Side, decimal Price, decimal Quantity, decimal Fee, bool IsMaker, long ExchangeTime, long LocalTime);
