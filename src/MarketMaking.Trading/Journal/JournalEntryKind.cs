namespace MarketMaking.Trading.Journal;

/// <summary>What a <see cref="JournalEntry"/> writes.</summary>
internal enum JournalEntryKind
{
    Event,

    /// <summary>An event whose text the writer formats from <see cref="JournalEntry.Command"/>: a request.</summary>
    Request,

    /// <summary>An event whose text the writer formats from the order's side, quantity, price and state name.</summary>
    OrderEvent,

    /// <summary>An order event whose text the writer formats from <see cref="JournalEntry.Before"/>, <see cref="JournalEntry.After"/> and the venue's reason (<see cref="JournalEntry.Text"/>): <c>New → Cancelled: …</c>.</summary>
    Transition,

    /// <summary>An event whose text the writer formats from the venue's answer: <see cref="JournalEntry.Command"/>'s kind, <see cref="JournalEntry.Outcome"/>, the code (<see cref="JournalEntry.Number"/>) and message (<see cref="JournalEntry.Text"/>).</summary>
    Reply,

    /// <summary>An event whose text the writer formats from <see cref="JournalEntry.Decision"/>.</summary>
    Decision,
    Order,
    Fill,
    Meta,
    Reservation,

    /// <summary>A position adopted from the venue (<see cref="JournalEntry.Amount"/>).</summary>
    Adoption,

    /// <summary>The price of this run's adopted position (<see cref="JournalEntry.Amount"/>), once the session has one.</summary>
    AdoptionPrice,

    /// <summary>The inventory limit this run counts time at (<see cref="JournalEntry.Amount"/>): the binding one of --max-position and the strategy's own.</summary>
    InventoryLimit,
    RunEnd,
    Flush,
}
