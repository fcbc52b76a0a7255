using MarketMaking.Core.Orders;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Journal;

/// <summary>
/// One write queued for the journal's background writer (a struct, so queuing allocates nothing but its
/// strings). Entries from the order path carry their figures, not text: the writer formats them, so no
/// formatting sits between a market message and the order it causes.
/// </summary>
internal readonly record struct JournalEntry
{
    public JournalEntryKind Kind { get; init; }

    public long LocalTime { get; init; }

    public long ExchangeTime { get; init; }

    /// <summary>Event kind, meta key, or why a run ended.</summary>
    public string? Name { get; init; }

    /// <summary>Event detail, meta value, an order's reason, or a run's final state.</summary>
    public string? Text { get; init; }

    public string? LinkId { get; init; }

    public string? ExchangeId { get; init; }

    public Side Side { get; init; }

    public decimal Price { get; init; }

    public decimal Quantity { get; init; }

    /// <summary>A fill's fee, an order's executed quantity, an adopted position or its price.</summary>
    public decimal Amount { get; init; }

    public bool Flag { get; init; }

    /// <summary>An order's creation time, the link-id reservation's upper bound, or a reply's code.</summary>
    public long Number { get; init; }

    /// <summary>An order's state before and after a change (<see cref="JournalEntryKind.Transition"/>).</summary>
    public OrderState Before { get; init; }

    public OrderState After { get; init; }

    /// <summary>A reply's outcome (<see cref="JournalEntryKind.Reply"/>).</summary>
    public ReplyOutcome Outcome { get; init; }

    /// <summary>A request's fields (<see cref="JournalEntryKind.Request"/>).</summary>
    public OrderCommand Command { get; init; }

    /// <summary>A decision's figures (<see cref="JournalEntryKind.Decision"/>).</summary>
    public JournalDecision Decision { get; init; }

    /// <summary>Run after the commit: a flush's completion, or the reservation's callback.</summary>
    public object? Callback { get; init; }
}
