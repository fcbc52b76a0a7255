using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>
/// Runs a scenario through a fresh engine and checks it against an independent model built only
/// from the emitted events: a dictionary of live orders with arrival sequence numbers, per-order
/// added / traded / cancelled totals, and an L2 book rebuilt from the book-change events. Each
/// broken invariant is recorded under its own heading so each property test can fail on its own.
/// </summary>
internal sealed class BookAudit
{
    private readonly MatchingEngine _engine;
    private readonly Dictionary<long, TrackedOrder> _live = [];
    private readonly Dictionary<long, long> _added = [];
    private readonly Dictionary<long, long> _traded = [];
    private readonly Dictionary<long, long> _cancelled = [];
    private readonly OrderBook _feed = new();
    private readonly SelfTradePrevention _policy;
    private long _sequence;
    private TrackedOrder? _incoming;

    private BookAudit(SelfTradePrevention policy)
    {
        _policy = policy;

        // Tiny initial capacities so every pool, table and level array grows during the run.
        _engine = new MatchingEngine(policy, initialOrderCapacity: 1, initialLevelCapacity: 1);
    }

    public List<MatchingEvent> Events { get; } = [];

    public List<string> Crossed { get; } = [];

    public List<string> Priority { get; } = [];

    public List<string> View { get; } = [];

    public List<string> Conservation { get; } = [];

    public static BookAudit Run(MatchingScenario scenario)
    {
        var audit = new BookAudit(scenario.Policy);
        var buffer = new MatchingEventBuffer(initialCapacity: 1);
        var ids = new List<long>();
        long nextId = 1;
        for (int n = 0; n < scenario.Messages.Length; n++)
        {
            MatchingMessage m = scenario.Messages[n];
            long time = 10L * n;
            long target = ids.Count > 0 ? ids[m.Pick % ids.Count] : -1;
            bool mayRest = true;
            switch (m.Kind)
            {
                case MessageKind.New:
                    long id = m.Pick % 10 == 0 && ids.Count > 0 ? target : nextId++;
                    ids.Add(id);
                    mayRest = m.Type is OrderType.Limit or OrderType.PostOnly;
                    audit._engine.Submit(new OrderRequest(id, m.Owner, m.Side, m.Type, m.Price, m.Size, time), buffer);
                    break;
                case MessageKind.Cancel:
                    audit._engine.Cancel(target, time, buffer);
                    break;
                default:
                    // Half the amends keep the price, to exercise the size-only rules.
                    long newPrice = m.Pick / 7 % 2 == 0 && audit._engine.TryGetOrder(target, out RestingOrder current) ? current.Price : m.Price;
                    audit._engine.Amend(target, newPrice, m.Size, time, buffer);
                    break;
            }

            audit.Consume(buffer.Events, mayRest, n);
            buffer.Clear();
        }

        audit.CheckConservation();
        return audit;
    }

    private void Consume(ReadOnlySpan<MatchingEvent> events, bool mayRest, int message)
    {
        _incoming = null;
        foreach (MatchingEvent e in events)
        {
            Events.Add(e);
            switch (e.Kind)
            {
                case MatchingEventKind.Accepted:
                    _incoming = new TrackedOrder(e.OrderId, e.Owner, e.Side, e.Price, e.Size);
                    Add(_added, e.OrderId, e.Size);
                    break;
                case MatchingEventKind.Amended:
                    OnAmended(e, message);
                    break;
                case MatchingEventKind.Trade:
                    OnTrade(e, message);
                    break;
                case MatchingEventKind.Cancelled:
                    OnCancelled(e, message);
                    break;
                case MatchingEventKind.BookChange:
                    _feed.Set(e.Side, e.Price, e.Size);
                    break;
            }
        }

        if (_incoming is { Remaining: > 0 })
        {
            if (!mayRest)
            {
                Conservation.Add($"message {message}: immediate order {_incoming.Id} kept {_incoming.Remaining} without a cancel");
            }

            _incoming.Sequence = ++_sequence;
            _live[_incoming.Id] = _incoming;
        }

        CheckState(message);
    }

    private void OnAmended(MatchingEvent e, int message)
    {
        if (!_live.Remove(e.OrderId, out TrackedOrder? order))
        {
            View.Add($"message {message}: amend of {e.OrderId}, which is not live");
            return;
        }

        long change = e.Size - order.Remaining;
        Add(change > 0 ? _added : _cancelled, e.OrderId, Math.Abs(change));
        bool keeps = e.Price == order.Price && e.Size <= order.Remaining;
        if (e.KeptPriority != keeps)
        {
            Priority.Add($"message {message}: amend of {e.OrderId} reported KeptPriority={e.KeptPriority}");
        }

        order.Remaining = e.Size;
        if (e.Price != order.Price)
        {
            order.Price = e.Price;
            _incoming = order; // re-enters: it may trade, then rests at the back
            return;
        }

        if (!keeps)
        {
            order.Sequence = ++_sequence;
        }

        _live[e.OrderId] = order;
    }

    private void OnTrade(MatchingEvent e, int message)
    {
        if (!_live.TryGetValue(e.MakerOrderId, out TrackedOrder? maker) || _incoming is null || _incoming.Id != e.OrderId)
        {
            Priority.Add($"message {message}: trade between unknown orders {e.MakerOrderId} and {e.OrderId}");
            return;
        }

        // Price priority then time priority: the maker must head the best level of its side.
        TrackedOrder head = _live.Values
            .Where(o => o.Side == maker.Side)
            .OrderBy(o => o.Side == Side.Buy ? -o.Price : o.Price)
            .ThenBy(o => o.Sequence)
            .First();
        if (head.Id != maker.Id || e.Price != maker.Price || e.Side != _incoming.Side)
        {
            Priority.Add($"message {message}: {e.OrderId} traded with {maker.Id} at {e.Price}; the head of the queue was {head.Id} at {head.Price}");
        }

        bool withinLimit = _incoming.Price == 0 || (_incoming.Side == Side.Buy ? e.Price <= _incoming.Price : e.Price >= _incoming.Price);
        if (!withinLimit || e.Size <= 0 || e.Size > maker.Remaining || e.Size > _incoming.Remaining)
        {
            Priority.Add($"message {message}: trade {e} breaks the taker's limit or a size");
        }

        if (_policy != SelfTradePrevention.None && e.Owner == e.MakerOwner)
        {
            Priority.Add($"message {message}: self-trade of owner {e.Owner} under {_policy}");
        }

        maker.Remaining -= e.Size;
        _incoming.Remaining -= e.Size;
        Add(_traded, maker.Id, e.Size);
        Add(_traded, _incoming.Id, e.Size);
        if (maker.Remaining == 0)
        {
            _live.Remove(maker.Id);
        }
    }

    private void OnCancelled(MatchingEvent e, int message)
    {
        Add(_cancelled, e.OrderId, e.Size);
        if (_live.Remove(e.OrderId, out TrackedOrder? resting))
        {
            if (resting.Remaining != e.Size)
            {
                Conservation.Add($"message {message}: cancel of {e.OrderId} for {e.Size} while {resting.Remaining} rested");
            }
        }
        else if (_incoming is not null && _incoming.Id == e.OrderId)
        {
            _incoming.Remaining -= e.Size;
            if (_incoming.Remaining != 0)
            {
                Conservation.Add($"message {message}: incoming {e.OrderId} cancelled for {e.Size}, leaving {_incoming.Remaining}");
            }
        }
        else
        {
            Conservation.Add($"message {message}: cancel of unknown order {e.OrderId}");
        }
    }

    private void CheckState(int message)
    {
        BookLevel bid = _engine.Best(Side.Buy);
        BookLevel ask = _engine.Best(Side.Sell);
        if (!bid.IsEmpty && !ask.IsEmpty && bid.Price >= ask.Price)
        {
            Crossed.Add($"message {message}: bid {bid.Price} >= ask {ask.Price}");
        }

        if (_engine.OrderCount != _live.Count)
        {
            View.Add($"message {message}: engine holds {_engine.OrderCount} orders, events leave {_live.Count}");
        }

        foreach (Side side in (Side[])[Side.Buy, Side.Sell])
        {
            CheckSide(side, message);
        }

        foreach (TrackedOrder order in _live.Values)
        {
            long ahead = _live.Values.Where(o => o.Side == order.Side && o.Price == order.Price && o.Sequence < order.Sequence).Sum(o => o.Remaining);
            if (!_engine.TryGetOrder(order.Id, out RestingOrder resting)
                || resting != new RestingOrder(order.Id, order.Owner, order.Side, order.Price, order.Remaining, resting.Time, resting.PostOnly)
                || !_engine.TryGetQueuePosition(order.Id, out long sizeAhead, out _)
                || sizeAhead != ahead)
            {
                View.Add($"message {message}: order {order.Id} differs from the engine's (or its queue position)");
            }
        }
    }

    private void CheckSide(Side side, int message)
    {
        var expected = _live.Values
            .Where(o => o.Side == side)
            .GroupBy(o => o.Price)
            .Select(g => (Price: g.Key, Size: g.Sum(o => o.Remaining), Count: g.Count()))
            .OrderBy(l => side == Side.Buy ? -l.Price : l.Price)
            .ToArray();
        int levels = _engine.LevelCount(side);
        bool same = levels == expected.Length && _feed.LevelCount(side) == levels;
        for (int i = 0; same && i < levels; i++)
        {
            BookLevel level = _engine.Level(side, i);
            same = level == new BookLevel(expected[i].Price, expected[i].Size)
                && _feed.Level(side, i) == level
                && _engine.LevelOrderCount(side, i) == expected[i].Count
                && _engine.OrderCountAt(side, level.Price) == expected[i].Count
                && _engine.SizeAt(side, level.Price) == level.Size
                && _engine.DepthWithin(side, i + 1) == expected.Take(i + 1).Sum(l => l.Size);
        }

        if (!same)
        {
            View.Add($"message {message}: {side} levels differ from the live orders or the book-change feed");
        }
    }

    private void CheckConservation()
    {
        long totalAdded = 0;
        long totalRest = 0;
        long totalTraded = 0;
        long totalCancelled = 0;
        foreach ((long id, long added) in _added)
        {
            long resting = _engine.TryGetOrder(id, out RestingOrder order) ? order.Remaining : 0;
            long traded = _traded.GetValueOrDefault(id);
            long cancelled = _cancelled.GetValueOrDefault(id);
            if (added != resting + traded + cancelled)
            {
                Conservation.Add($"order {id}: added {added} != resting {resting} + traded {traded} + cancelled {cancelled}");
            }

            totalAdded += added;
            totalRest += resting;
            totalTraded += traded;
            totalCancelled += cancelled;
        }

        long bookTotal = _engine.DepthWithin(Side.Buy, int.MaxValue) + _engine.DepthWithin(Side.Sell, int.MaxValue);
        if (totalAdded != totalRest + totalTraded + totalCancelled || bookTotal != totalRest)
        {
            Conservation.Add($"total: added {totalAdded}, resting {totalRest} (book {bookTotal}), traded {totalTraded}, cancelled {totalCancelled}");
        }
    }

    private static void Add(Dictionary<long, long> totals, long id, long size) =>
        totals[id] = totals.GetValueOrDefault(id) + size;
}
