using MarketMaking.Core.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Orders;

/// <summary>
/// The state machine of every order the session placed or found: pending new → new → partially
/// filled → filled, with pending cancel, cancelled, rejected and unknown on the way. It is driven by
/// the venue's private updates (which may come late, twice or out of order: an update older than
/// the last one applied is ignored, a final state is never left, executed quantity only grows), by
/// replies to our requests, and by reconciliation. Each method returns true when the order changed.
/// </summary>
public sealed class OrderTracker
{
    private readonly Dictionary<string, TrackedOrder> _byLink = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TrackedOrder> _byLocal = [];
    private readonly List<TrackedOrder> _open = [];

    /// <summary>Orders not yet final, in the order they were created.</summary>
    public IReadOnlyList<TrackedOrder> Open => _open;

    /// <summary>Every order known, final ones included.</summary>
    public IEnumerable<TrackedOrder> All => _byLink.Values;

    /// <summary>A new order of ours, pending until the venue confirms it.</summary>
    public TrackedOrder Add(long localId, string linkId, Side side, decimal price, decimal quantity, bool reduceOnly, long now)
    {
        var order = new TrackedOrder(localId, linkId, side, price, quantity, reduceOnly, now);
        if (!_byLink.TryAdd(linkId, order))
        {
            throw new InvalidOperationException($"orderLinkId {linkId} is already in use");
        }

        if (localId != 0)
        {
            _byLocal[localId] = order;
        }

        _open.Add(order);
        return order;
    }

    /// <summary>An order found resting on the venue (reconciliation), taken as it is.</summary>
    public TrackedOrder Adopt(string linkId, string? exchangeOrderId, Side side, decimal price, decimal quantity, decimal executed, long now)
    {
        TrackedOrder order = Add(0, linkId, side, price, quantity, reduceOnly: false, now);
        order.ExchangeOrderId = exchangeOrderId;
        order.VenueExecuted = executed;
        order.State = executed > 0 ? OrderState.PartiallyFilled : OrderState.New;
        return order;
    }

    /// <summary>
    /// An order an earlier run of the session left open in the journal (a crash): unknown until
    /// reconciliation says whether it still rests, filled or went.
    /// </summary>
    public TrackedOrder Restore(string linkId, string? exchangeOrderId, Side side, decimal price, decimal quantity, bool reduceOnly, OrderState lastKnown, decimal executed, long now)
    {
        TrackedOrder order = Add(0, linkId, side, price, quantity, reduceOnly, now);
        order.ExchangeOrderId = exchangeOrderId;
        order.VenueExecuted = executed;
        order.StateBeforeUnknown = lastKnown == OrderState.Unknown ? OrderState.PendingNew : lastKnown;
        order.CancelWanted = lastKnown == OrderState.PendingCancel;
        order.State = OrderState.Unknown;
        return order;
    }

    public TrackedOrder? Find(string linkId) => _byLink.GetValueOrDefault(linkId);

    /// <summary>The order the order manager knows by <paramref name="localId"/>.</summary>
    public TrackedOrder? FindLocal(long localId) => _byLocal.GetValueOrDefault(localId);

    /// <summary>Points the order manager's id at <paramref name="order"/> (an adopted order, or one a price change moved); its old id is forgotten.</summary>
    public void Bind(long localId, TrackedOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Unbind(order);
        order.LocalId = localId;
        _byLocal[localId] = order;
    }

    /// <summary>The order manager no longer knows <paramref name="order"/> (it forgot it, or its id now names a replacement).</summary>
    public void Unbind(TrackedOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_byLocal.TryGetValue(order.LocalId, out TrackedOrder? bound) && ReferenceEquals(bound, order))
        {
            _byLocal.Remove(order.LocalId);
        }

        order.LocalId = 0;
    }

    /// <summary>The venue accepted the create request.</summary>
    public bool Acknowledge(TrackedOrder order, string? exchangeOrderId, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.ExchangeOrderId ??= exchangeOrderId;
        order.Queued = false;
        return order.State is OrderState.PendingNew or OrderState.Unknown
            && Move(order, OpenState(order, order.Executed > 0 || order.VenueExecuted > 0), now);
    }

    /// <summary>The venue refused the create request, or it was dropped unsent (<paramref name="reason"/> says which).</summary>
    public bool Reject(TrackedOrder order, string reason, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.State is not (OrderState.PendingNew or OrderState.Unknown) || order.Executed > 0)
        {
            return false;
        }

        order.RejectReason = reason;
        order.Queued = false;
        return Move(order, OrderState.Rejected, now);
    }

    /// <summary>A cancel is on its way.</summary>
    public bool CancelSent(TrackedOrder order, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.CancelWanted |= !order.State.IsFinal();
        return !order.State.IsFinal() && Move(order, OrderState.PendingCancel, now);
    }

    /// <summary>A request about the order timed out or failed without a clear answer: open or not, only the venue can say.</summary>
    public bool MarkUnknown(TrackedOrder order, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.State.IsFinal() || order.State == OrderState.Unknown)
        {
            return false;
        }

        order.StateBeforeUnknown = order.State;
        return Move(order, OrderState.Unknown, now);
    }

    /// <summary>An amend is on its way with a new price and total quantity.</summary>
    public static void AmendSent(TrackedOrder order, decimal price, decimal quantity)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.PendingAmendPrice = price;
        order.PendingAmendQuantity = quantity;
    }

    /// <summary>The venue answered the amend: on success the order takes the new price and quantity.</summary>
    public static bool AmendAnswered(TrackedOrder order, bool accepted, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        bool changed = false;
        if (accepted && order.PendingAmendQuantity > 0 && !order.State.IsFinal())
        {
            order.Price = order.PendingAmendPrice;
            order.Quantity = order.PendingAmendQuantity;
            order.UpdatedAt = now;
            changed = true;
        }

        order.PendingAmendPrice = 0;
        order.PendingAmendQuantity = 0;
        return changed;
    }

    /// <summary>
    /// An order update from the venue. Ignored when the order is final or when the update is older
    /// than the last one applied (a late or reordered message); a duplicate changes nothing.
    /// </summary>
    public bool ApplyUpdate(TrackedOrder order, VenueOrderStatus status, decimal price, decimal quantity, decimal cumulativeExecuted, string? exchangeOrderId, long venueTime, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.VenueExecuted = Math.Max(order.VenueExecuted, cumulativeExecuted);
        order.ExchangeOrderId ??= exchangeOrderId;
        if (order.State.IsFinal() || venueTime < order.VenueUpdatedAt)
        {
            return false;
        }

        order.VenueUpdatedAt = venueTime;
        order.Queued = false;
        if (price > 0)
        {
            order.Price = price;
        }

        if (quantity > 0)
        {
            order.Quantity = quantity;
        }

        OrderState next = status switch
        {
            VenueOrderStatus.New => OpenState(order, partiallyFilled: false),
            VenueOrderStatus.PartiallyFilled => OpenState(order, partiallyFilled: true),
            VenueOrderStatus.Filled => OrderState.Filled,
            VenueOrderStatus.Cancelled => OrderState.Cancelled,
            _ => OrderState.Rejected,
        };
        return Move(order, next, now);
    }

    /// <summary>An execution of the order, applied once (the caller deduplicates by execution id).</summary>
    public bool ApplyExecution(TrackedOrder order, decimal quantity, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.Executed += quantity;
        if (order.State.IsFinal())
        {
            return false; // a cancelled order's last fills can arrive after the cancel
        }

        if (order.Executed >= order.Quantity)
        {
            return Move(order, OrderState.Filled, now);
        }

        return order.State is OrderState.PendingNew or OrderState.New && Move(order, OrderState.PartiallyFilled, now);
    }

    /// <summary>
    /// Reconciliation found the order no longer open on the venue (and every execution of it
    /// applied): filled when its executions cover it, else cancelled — or rejected if it never rested.
    /// </summary>
    public bool Close(TrackedOrder order, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.State.IsFinal())
        {
            return false;
        }

        decimal executed = Math.Max(order.Executed, order.VenueExecuted);
        OrderState last = order.State == OrderState.Unknown ? order.StateBeforeUnknown : order.State;
        OrderState next = executed >= order.Quantity ? OrderState.Filled
            : last == OrderState.PendingNew && executed == 0 && order.ExchangeOrderId is null ? OrderState.Rejected
            : OrderState.Cancelled;
        if (next == OrderState.Rejected)
        {
            order.RejectReason ??= "not found on the venue";
        }

        return Move(order, next, now);
    }

    /// <summary>Reconciliation found the order open on the venue: pending or unknown states resolve to what the venue says.</summary>
    public bool ConfirmOpen(TrackedOrder order, decimal cumulativeExecuted, string? exchangeOrderId, long now)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.VenueExecuted = Math.Max(order.VenueExecuted, cumulativeExecuted);
        order.ExchangeOrderId ??= exchangeOrderId;
        if (order.State is not (OrderState.PendingNew or OrderState.Unknown))
        {
            return false;
        }

        return Move(order, OpenState(order, order.VenueExecuted > 0), now);
    }

    /// <summary>Forgets final orders last changed before <paramref name="before"/>, so a long session's memory stays flat.</summary>
    public int Prune(long before)
    {
        List<string>? gone = null;
        foreach (TrackedOrder order in _byLink.Values)
        {
            if (order.State.IsFinal() && order.UpdatedAt < before)
            {
                (gone ??= []).Add(order.LinkId);
            }
        }

        foreach (string link in gone ?? [])
        {
            TrackedOrder order = _byLink[link];
            _byLink.Remove(link);
            if (order.LocalId != 0 && _byLocal.TryGetValue(order.LocalId, out TrackedOrder? bound) && ReferenceEquals(bound, order))
            {
                _byLocal.Remove(order.LocalId);
            }
        }

        return gone?.Count ?? 0;
    }

    /// <summary>The state of an order the venue shows open: still pending cancel when a cancel was asked for.</summary>
    private static OrderState OpenState(TrackedOrder order, bool partiallyFilled) =>
        order.CancelWanted ? OrderState.PendingCancel : partiallyFilled ? OrderState.PartiallyFilled : OrderState.New;

    private bool Move(TrackedOrder order, OrderState next, long now)
    {
        if (order.State == next)
        {
            return false;
        }

        order.State = next;
        order.UpdatedAt = now;
        if (next.IsFinal())
        {
            order.Queued = false;
            _open.Remove(order);
        }

        return true;
    }
}
