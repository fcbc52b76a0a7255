using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Session;

/// <summary>
/// The order manager's gateway in a live session: each new order gets an orderLinkId and a tracked
/// state; requests wait in a queue (cancels first, then amends, then new orders) and go out as the
/// client-side rate limits allow; a new order held back too long is dropped (the next decision
/// quotes afresh). A size reduction is an amend where the venue allows it, else a cancel and a new
/// order; so is a price change: within one decision an order the manager cancels and a new one it
/// submits on the same side become one amend of the old order (one request instead of two, no
/// moment without a quote on that side, and no moment with both resting to be filled twice).
/// Requests are only queued while the order manager runs; <see cref="Flush"/> sends them after it
/// returns, so a reply never changes the manager's view in the middle of a decision.
/// </summary>
internal sealed class OrderRouter : IOrderGateway
{
    private readonly long[] _sent = new long[Enum.GetValues<OrderCommandKind>().Length];
    private readonly IVenue _venue;
    private readonly VenueInstrument _instrument;
    private readonly OrderTracker _tracker;
    private readonly LinkIds _links;
    private readonly TradingJournal _journal;
    private readonly RateLimiter _limiter;
    private readonly Func<long> _clock;
    private readonly Action<OrderReply> _inlineReply;
    private readonly Action<Task<OrderReply>> _laterReply;
    private readonly Action<long> _reserveLinks;
    private readonly long _staleAfter;
    private readonly List<Pending> _cancels = [];
    private readonly List<Pending> _amends = [];
    private readonly List<Pending> _creates = [];
    private readonly List<Pending> _sending = [];
    // Orders the manager cancelled in this decision that a new order on their side may still move instead.
    private readonly List<TrackedOrder> _movable = [];
    private bool _deciding;
    private long _nextLocalId;

    public OrderRouter(IVenue venue, VenueInstrument instrument, OrderTracker tracker, LinkIds links, TradingJournal journal, RateLimiter limiter, Func<long> clock, TimeSpan staleAfter, Action<OrderReply> inlineReply, Action<Task<OrderReply>> laterReply)
    {
        _venue = venue;
        _instrument = instrument;
        _tracker = tracker;
        _links = links;
        _journal = journal;
        _limiter = limiter;
        _clock = clock;
        _staleAfter = staleAfter.Ticks * 100;
        _inlineReply = inlineReply;
        _laterReply = laterReply;
        _reserveLinks = upTo => journal.ReserveLinks(links.Prefix, upTo, links.Reserve);
    }

    /// <summary>Called with the order manager's id of a new order dropped before it was sent (so the manager forgets it).</summary>
    public Action<long>? Dropped { get; set; }

    /// <summary>Requests waiting for a rate-limit slot.</summary>
    public int Queued => _cancels.Count + _amends.Count + _creates.Count;

    /// <summary>When requests the venue left unanswered go again.</summary>
    public RetryBackoff Backoff { get; } = new();

    /// <summary>New orders dropped because a rate limit held them back too long.</summary>
    public long DroppedStale { get; private set; }

    public CancellationToken Cancellation { get; set; }

    public RateLimiter Limiter => _limiter;

    /// <summary>Requests sent so far (every kind, retries included).</summary>
    public long SentTotal { get; private set; }

    /// <summary>Requests of <paramref name="kind"/> sent so far.</summary>
    public long Sent(OrderCommandKind kind) => _sent[(int)kind];

    /// <summary>A fresh id for the order manager (for an adopted order).</summary>
    public long NewLocalId() => ++_nextLocalId;

    /// <summary>
    /// The order manager is about to decide: until <see cref="Flush"/>, a cancelled order waits to see
    /// whether a new order on its side can take its place as an amend (only where the venue amends).
    /// </summary>
    public void BeginDecision() => _deciding = _venue.SupportsAmend;

    public long Submit(Side side, double price, double quantity)
    {
        long localId = ++_nextLocalId;
        decimal limit = _instrument.Price(price);
        decimal size = _instrument.Quantity(quantity);
        if (TakeMovable(side, limit, size) is { } moved)
        {
            Move(moved, localId, limit, size);
            return localId;
        }

        Create(localId, side, limit, size, reduceOnly: false, isMarket: false);
        return localId;
    }

    public void Cancel(long orderId)
    {
        if (_tracker.FindLocal(orderId) is not { } order)
        {
            return;
        }

        if (_deciding && IsMovable(order))
        {
            _movable.Add(order);
            return;
        }

        CancelOrder(order);
    }

    public void Reduce(long orderId, double newQuantity)
    {
        if (_tracker.FindLocal(orderId) is not { IsOpen: true } order)
        {
            return;
        }

        decimal remaining = _instrument.Quantity(newQuantity);
        decimal executed = Math.Max(order.Executed, order.VenueExecuted);
        if (order.Queued)
        {
            // Not sent yet: the queued request simply asks for less.
            order.Quantity = executed + remaining;
            return;
        }

        if (_venue.SupportsAmend && order.State is OrderState.New or OrderState.PartiallyFilled && order.PendingAmendQuantity == 0)
        {
            OrderTracker.AmendSent(order, order.Price, executed + remaining);
            _amends.Add(new Pending(Command(OrderCommandKind.Amend, order.LinkId, order.Side, order.Price, executed + remaining, order), order, _clock()));
            return;
        }

        // Cancel and replace: the order manager's id now names the new order; fills of the old one
        // (until its cancel lands) still count in the ledger but no longer touch the manager's view.
        long localId = order.LocalId;
        _tracker.Unbind(order);
        CancelOrder(order);
        if (remaining > 0)
        {
            Create(localId, order.Side, order.Price, remaining, reduceOnly: false, isMarket: false);
        }
    }

    /// <summary>Cancels one order: dropped from the queue if never sent, else a cancel request (sent again for a pending cancel when <paramref name="resend"/>).</summary>
    public void CancelOrder(TrackedOrder order, bool resend = false)
    {
        ArgumentNullException.ThrowIfNull(order);
        long now = _clock();
        if (order.Queued)
        {
            RemoveQueued(_creates, order);
            _tracker.Reject(order, "dropped: cancelled before it was sent", now);
            Record("dropped", order, "cancelled before it was sent");
            return;
        }

        if (!order.IsOpen || (order.State == OrderState.PendingCancel && !resend) || IsQueued(_cancels, order))
        {
            return; // nothing to cancel, or a cancel of it is already waiting to go
        }

        if (RemoveQueued(_amends, order))
        {
            OrderTracker.AmendAnswered(order, accepted: false, now); // an amend not sent yet has nothing left to change
        }

        _tracker.CancelSent(order, now);
        Record("cancel", order, "");
        _cancels.Add(new Pending(Command(OrderCommandKind.Cancel, order.LinkId, order.Side, 0, 0, order), order, now));
    }

    /// <summary>
    /// Cancels everything: each open order of ours, and a cancel-all for the symbol behind them (for
    /// anything the session does not know of). The dead-man switch, the kill switch and the stop use it.
    /// </summary>
    public void CancelEverything(string why)
    {
        _movable.Clear();
        foreach (TrackedOrder order in _tracker.Open.ToArray())
        {
            // A cancel already answered but not yet confirmed goes again: the first may have been lost.
            CancelOrder(order, resend: order.InFlight == 0);
        }

        _journal.Event("cancel-all", _clock(), 0, null, why);
        if (!IsCancelAllQueued())
        {
            // One cancel-all covers every order: a second trigger (a pause while the private stream is down) adds none.
            _cancels.Add(new Pending(Command(OrderCommandKind.CancelAll, "", Side.Buy, 0, 0, null), null, _clock()));
        }
    }

    /// <summary>A reduce-only market order closing <paramref name="quantity"/> (the flatten on a kill).</summary>
    public TrackedOrder Flatten(Side side, decimal quantity) => Create(0, side, 0, quantity, reduceOnly: true, isMarket: true);

    /// <summary>Puts a request back in the queue (a cancel the venue refused for its rate limit, or left unanswered: that one waits for <see cref="Backoff"/>).</summary>
    public void Retry(OrderCommand command, TrackedOrder? order, bool unanswered = false)
    {
        if (command.Kind == OrderCommandKind.CancelAll && IsCancelAllQueued())
        {
            // Two cancel-alls went out before either came back: one retry covers both, else each back-off round sent it twice.
            return;
        }

        List<Pending> queue = command.Kind switch
        {
            OrderCommandKind.Create => _creates,
            OrderCommandKind.Amend => _amends,
            _ => _cancels,
        };
        queue.Add(new Pending(command, order, _clock(), WaitsForBackoff: unanswered));
    }

    /// <summary>Sends what the rate limits allow, cancels first; drops new orders held back longer than the stale limit.</summary>
    public void Flush()
    {
        // The limits are counted at the time the requests really go: the input that led here may have
        // been handled for a while (a session's first decision took 0.8 s), and counting them at its
        // start let more through in a second than the venue allows.
        foreach (TrackedOrder order in _movable)
        {
            CancelOrder(order); // no new order on its side took it over
        }

        _movable.Clear();
        _deciding = false;
        long now = _clock();
        Take(_cancels, VenueEndpoint.Cancel, now);
        Take(_amends, VenueEndpoint.Amend, now);
        Take(_creates, VenueEndpoint.Create, now);
        for (int i = 0; i < _sending.Count; i++)
        {
            Send(_sending[i]);
        }

        _sending.Clear();
    }

    private TrackedOrder Create(long localId, Side side, decimal price, decimal quantity, bool reduceOnly, bool isMarket)
    {
        long now = _clock();
        string link = _links.Take(_reserveLinks);
        TrackedOrder order = _tracker.Add(localId, link, side, price, quantity, reduceOnly, now);
        order.Queued = true;
        Record("new", order, isMarket ? "market, reduce-only" : "");
        _creates.Add(new Pending(null, order, now, isMarket));
        return order;
    }

    /// <summary>
    /// An order a new one may take the place of: resting (acknowledged) or still waiting to be sent,
    /// ours to quote with, with no cancel or amend of it under way.
    /// </summary>
    private static bool IsMovable(TrackedOrder order) =>
        (order.Queued || order.State is OrderState.New or OrderState.PartiallyFilled) && !order.CancelWanted && !order.ReduceOnly && order.PendingAmendQuantity == 0;

    /// <summary>
    /// The cancelled order on <paramref name="side"/> nearest in price to the new one, unless it
    /// already asks for exactly that (an order refreshed for its age goes to the back of the queue
    /// as a new order: an amend that changes nothing would be refused).
    /// </summary>
    private TrackedOrder? TakeMovable(Side side, decimal price, decimal quantity)
    {
        int best = -1;
        for (int i = 0; i < _movable.Count; i++)
        {
            TrackedOrder order = _movable[i];
            if (order.Side != side || (order.Price == price && order.Remaining == quantity))
            {
                continue;
            }

            if (best < 0 || Math.Abs(order.Price - price) < Math.Abs(_movable[best].Price - price))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        TrackedOrder taken = _movable[best];
        _movable.RemoveAt(best);
        return taken;
    }

    /// <summary>Moves an order to a new price and size (a resting one by an amend; one not sent yet goes with them); the manager's new id names it from now on.</summary>
    private void Move(TrackedOrder order, long localId, decimal price, decimal quantity)
    {
        _tracker.Bind(localId, order);
        if (order.Queued)
        {
            order.Price = price;
            order.Quantity = quantity;
            _journal.Order(order);
            return;
        }

        decimal executed = Math.Max(order.Executed, order.VenueExecuted);
        OrderTracker.AmendSent(order, price, executed + quantity);
        _amends.Add(new Pending(Command(OrderCommandKind.Amend, order.LinkId, order.Side, price, executed + quantity, order), order, _clock()));
    }

    private void Take(List<Pending> queue, VenueEndpoint endpoint, long now)
    {
        int kept = 0;
        for (int i = 0; i < queue.Count; i++)
        {
            Pending pending = queue[i];
            if (pending.WaitsForBackoff && now < Backoff.NextAt)
            {
                queue[kept++] = pending;
                continue;
            }

            VenueEndpoint used = pending.Command?.Kind == OrderCommandKind.CancelAll ? VenueEndpoint.CancelAll : endpoint;
            if (_limiter.TryAcquire(used, now))
            {
                _sending.Add(pending);
                continue;
            }

            if (endpoint == VenueEndpoint.Create && now - pending.QueuedAt > _staleAfter && pending.Order is { } stale)
            {
                // A quote held back this long is out of date: the next decision quotes afresh.
                DroppedStale++;
                _tracker.Reject(stale, "dropped: rate limit, stale", now);
                Record("dropped", stale, "rate limit, stale");
                if (stale.LocalId != 0)
                {
                    Dropped?.Invoke(stale.LocalId);
                }

                continue;
            }

            queue[kept++] = pending;
        }

        queue.RemoveRange(kept, queue.Count - kept);
    }

    private void Send(in Pending pending)
    {
        TrackedOrder? order = pending.Order;
        if (pending.Command is null && order is { IsOpen: false })
        {
            return; // finalized while it waited
        }

        // A create is built when it goes, with the quantity it asks for by then.
        OrderCommand command = (pending.Command ?? Command(OrderCommandKind.Create, order!.LinkId, order.Side, order.Price, order.Quantity, order, pending.IsMarket)) with { SentAt = _clock() };
        if (order is not null)
        {
            order.Queued = false;
            order.InFlight++;
        }

        _sent[(int)command.Kind]++;
        SentTotal++;
        _journal.Request(command);
        ValueTask<OrderReply> reply = _venue.SendAsync(command, Cancellation);
        if (reply.IsCompletedSuccessfully)
        {
            _inlineReply(reply.Result);
        }
        else
        {
            _laterReply(reply.AsTask());
        }
    }

    private void Record(string kind, TrackedOrder order, string detail)
    {
        _journal.Order(order);
        if (detail.Length > 0)
        {
            _journal.Event(kind, _clock(), 0, order.LinkId, detail);
        }
        else
        {
            _journal.OrderEvent(kind, _clock(), order);
        }
    }

    private static bool IsQueued(List<Pending> queue, TrackedOrder order)
    {
        foreach (Pending pending in queue)
        {
            if (ReferenceEquals(pending.Order, order))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsCancelAllQueued()
    {
        foreach (Pending pending in _cancels)
        {
            if (pending.Command?.Kind == OrderCommandKind.CancelAll)
            {
                return true;
            }
        }

        return false;
    }

    private static bool RemoveQueued(List<Pending> queue, TrackedOrder order)
    {
        bool removed = false;
        for (int i = queue.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(queue[i].Order, order))
            {
                queue.RemoveAt(i);
                removed = true;
            }
        }

        return removed;
    }

    private static OrderCommand Command(OrderCommandKind kind, string link, Side side, decimal price, decimal quantity, TrackedOrder? order, bool isMarket = false) =>
        new(kind, link, side, price, quantity, PostOnly: kind == OrderCommandKind.Create && !isMarket, ReduceOnly: order?.ReduceOnly ?? false, IsMarket: isMarket, SentAt: 0);

    /// <summary>A request waiting for a rate-limit slot (a create's command is built when it goes); a struct, as queuing one happens for every request.</summary>
    private readonly record struct Pending(OrderCommand? Command, TrackedOrder? Order, long QueuedAt, bool IsMarket = false, bool WaitsForBackoff = false);
}
