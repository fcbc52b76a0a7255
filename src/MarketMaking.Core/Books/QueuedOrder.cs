using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Books;

/// <summary>One visible order of an <see cref="OrderQueueBook"/>: a smaller <paramref name="Key"/> at the same price is ahead in the queue.</summary>
public readonly record struct QueuedOrder(long Id, Side Side, long Price, long Size, long Key);
