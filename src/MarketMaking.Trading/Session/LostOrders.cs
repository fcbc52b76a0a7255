using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Session;

/// <summary>
/// The orders a crash kept out of the journal: sent by an earlier run in its writer's last commit
/// interval, their rows never committed. Rows are committed in the order link ids are taken, so
/// their ids are the journal's prefix with a counter above the highest it holds and below this
/// run's first. The start's reconciliation finds them on the venue: one still open is adopted or
/// cancelled like any order the session does not know; a closed one (the venue's order history)
/// gets its row here, traded or not; one that traded but that the history does not show yet (it
/// may lag) gets its row from its executions. An order the journal holds keeps its row.
/// </summary>
/// <param name="links">This journal's link ids.</param>
/// <param name="lastJournaled">The highest counter among the journal's orders (−1: none).</param>
/// <param name="firstOfRun">This run's first counter (the earlier runs reserved every one below).</param>
/// <param name="lastWrittenAt">Local time (ns) of the journal's last event.</param>
internal sealed class LostOrders(LinkIds links, long lastJournaled, long firstOfRun, long lastWrittenAt)
{
    // The venue's clock may be off ours by up to the drift check's limit: the history is read from a minute before.
    private const long Margin = 60_000_000_000;

    private readonly List<VenueExecution> _executions = [];

    /// <summary>Whether an earlier run may have sent an id the journal does not hold.</summary>
    public bool Possible => lastJournaled + 1 < firstOfRun;

    /// <summary>From when (ns) the venue's history of closed orders is worth reading.</summary>
    public long Since => Math.Max(0, lastWrittenAt - Margin);

    /// <summary>Whether <paramref name="linkId"/> is one an earlier run may have sent without the journal holding it.</summary>
    public bool Covers(string linkId)
    {
        long counter = links.CounterOf(linkId);
        return counter > lastJournaled && counter < firstOfRun;
    }

    /// <summary>An execution of an id <see cref="Covers"/> says may be lost, new to the journal.</summary>
    public void Collect(VenueExecution execution) => _executions.Add(execution);

    /// <summary>Writes the row of every lost order the venue shows closed, or that traded, and an event saying why; then forgets the executions collected.</summary>
    public void Record(IReadOnlyList<VenueOrderUpdate> closed, OrderTracker tracker, TradingJournal journal, long now)
    {
        foreach (VenueOrderUpdate venueOrder in closed)
        {
            if (!Covers(venueOrder.LinkId) || tracker.Find(venueOrder.LinkId) is not null)
            {
                continue;
            }

            TrackedOrder order = tracker.Adopt(venueOrder.LinkId, venueOrder.ExchangeOrderId, venueOrder.Side, venueOrder.Price, venueOrder.Quantity, venueOrder.CumulativeExecuted, now);
            tracker.ApplyUpdate(order, venueOrder.Status, venueOrder.Price, venueOrder.Quantity, venueOrder.CumulativeExecuted, venueOrder.ExchangeOrderId, venueOrder.UpdatedTime, now);
            if (order.State == OrderState.Rejected && venueOrder.Reason.Length > 0)
            {
                order.RejectReason = venueOrder.Reason;
            }

            journal.Order(order);
            journal.Event("order", now, venueOrder.UpdatedTime, order.LinkId, $"reconciled: sent before a crash and not in the journal, {order.State.Name()} on the venue ({venueOrder.CumulativeExecuted} of {venueOrder.Quantity} executed)");
        }

        foreach (IGrouping<string, VenueExecution> executions in _executions.GroupBy(e => e.LinkId, StringComparer.Ordinal))
        {
            if (tracker.Find(executions.Key) is not null)
            {
                continue;
            }

            // All the executions can tell: the quantity they add up to, the first one's price.
            VenueExecution first = executions.First();
            decimal executed = executions.Sum(e => e.Quantity);
            TrackedOrder order = tracker.Adopt(executions.Key, first.ExchangeOrderId, first.Side, first.Price, executed, executed, now);
            tracker.Close(order, now);
            journal.Order(order);
            journal.Event("order", now, first.ExecutionTime, order.LinkId, $"reconciled: sent before a crash and not in the journal, {executed} executed, not open on the venue → {order.State.Name()}");
        }

        _executions.Clear();
    }
}
