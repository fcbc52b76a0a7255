namespace MarketMaking.Trading.Journal;

/// <summary>What a <see cref="JournalEntry"/> writes.</summary>
internal enum JournalEntryKind
{
    Event,
    Order,
    Fill,
    Meta,
    Reservation,
    RunEnd,
    Flush,
}
