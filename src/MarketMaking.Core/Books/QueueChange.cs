namespace MarketMaking.Core.Books;

/// <summary>
/// What one event did to an <see cref="OrderQueueBook"/>: the priority key of the order (or
/// anonymous volume) it touched, the lots added or removed, and whether the order was known by id.
/// </summary>
/// <param name="Key">Priority key of the entry touched (meaningless when <paramref name="Lots"/> is 0).</param>
/// <param name="Lots">Lots added or removed.</param>
/// <param name="Known">True when the event's order id was in the book (or was added).</param>
public readonly record struct QueueChange(long Key, long Lots, bool Known);
