using MarketMaking.Core.Orders;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Trading.Tests.Orders;

public class OrderTrackerTests
{
    private readonly OrderTracker _tracker = new();

    private TrackedOrder Order(decimal quantity = 0.03m) => _tracker.Add(1, "mm-a-1", Side.Buy, 100.5m, quantity, false, now: 10);

    [Fact]
    public void AnOrderGoesFromPendingToNewToPartiallyFilledToFilled()
    {
        TrackedOrder order = Order();
        Assert.Equal(OrderState.PendingNew, order.State);
        Assert.True(_tracker.Acknowledge(order, "x1", 11));
        Assert.Equal((OrderState.New, "x1"), (order.State, order.ExchangeOrderId));
        Assert.True(_tracker.ApplyExecution(order, 0.01m, 12));
        Assert.Equal(OrderState.PartiallyFilled, order.State);
        Assert.False(_tracker.ApplyExecution(order, 0.01m, 13)); // still partially filled
        Assert.True(_tracker.ApplyExecution(order, 0.01m, 14));
        Assert.Equal((OrderState.Filled, 0m, 14L), (order.State, order.Remaining, order.UpdatedAt));
        Assert.Empty(_tracker.Open);
    }

    [Fact]
    public void AnOrderWhoseCancelWasRefusedStaysPendingCancelWhenTheVenueShowsItOpen()
    {
        // The cancel overtook the create and was refused: unknown, then the venue shows the order open
        // (its create's answer, its stream, or a snapshot). It is still to be cancelled, never New again.
        TrackedOrder order = Order();
        Assert.True(_tracker.CancelSent(order, 11));
        Assert.True(_tracker.MarkUnknown(order, 12));
        Assert.True(_tracker.Acknowledge(order, "x1", 13));
        Assert.Equal(OrderState.PendingCancel, order.State);

        TrackedOrder streamed = _tracker.Add(2, "mm-a-2", Side.Sell, 101m, 0.03m, false, now: 10);
        _tracker.CancelSent(streamed, 11);
        _tracker.MarkUnknown(streamed, 12);
        Assert.True(_tracker.ApplyUpdate(streamed, VenueOrderStatus.PartiallyFilled, 0, 0, 0.01m, "x2", venueTime: 100, now: 13));
        Assert.Equal(OrderState.PendingCancel, streamed.State);

        TrackedOrder polled = _tracker.Add(3, "mm-a-3", Side.Sell, 102m, 0.03m, false, now: 10);
        _tracker.CancelSent(polled, 11);
        _tracker.MarkUnknown(polled, 12);
        Assert.True(_tracker.ConfirmOpen(polled, 0, "x3", 13));
        Assert.Equal(OrderState.PendingCancel, polled.State);

        // Without a cancel asked for, the same updates open the order.
        TrackedOrder plain = _tracker.Add(4, "mm-a-4", Side.Buy, 99m, 0.03m, false, now: 10);
        _tracker.MarkUnknown(plain, 12);
        Assert.True(_tracker.Acknowledge(plain, "x4", 13));
        Assert.Equal(OrderState.New, plain.State);
    }

    [Fact]
    public void AFinalStateIsNeverLeftAndALateUpdateIsIgnored()
    {
        TrackedOrder order = Order();
        Assert.True(_tracker.ApplyUpdate(order, VenueOrderStatus.New, 0, 0, 0, "x1", venueTime: 100, now: 11));
        Assert.True(_tracker.ApplyUpdate(order, VenueOrderStatus.PartiallyFilled, 0, 0, 0.01m, "x1", venueTime: 300, now: 12));

        // Reordered: the New of t = 200 arrives after the PartiallyFilled of t = 300.
        Assert.False(_tracker.ApplyUpdate(order, VenueOrderStatus.New, 0, 0, 0, "x1", venueTime: 200, now: 13));
        Assert.Equal(OrderState.PartiallyFilled, order.State);
        Assert.True(_tracker.ApplyUpdate(order, VenueOrderStatus.Cancelled, 0, 0, 0.01m, "x1", venueTime: 400, now: 14));

        // Duplicated and late messages after the end change nothing, but executed quantity only grows.
        Assert.False(_tracker.ApplyUpdate(order, VenueOrderStatus.PartiallyFilled, 0, 0, 0.02m, "x1", venueTime: 500, now: 15));
        Assert.False(_tracker.Acknowledge(order, "x1", 16));
        Assert.False(_tracker.Reject(order, "late", 17));
        Assert.Equal((OrderState.Cancelled, 0.02m), (order.State, order.VenueExecuted));
    }

    [Fact]
    public void ACancelInFlightSurvivesANewUpdateAndEndsCancelledOrFilled()
    {
        TrackedOrder order = Order(0.02m);
        _tracker.Acknowledge(order, "x1", 11);
        Assert.True(_tracker.CancelSent(order, 12));
        Assert.False(_tracker.ApplyUpdate(order, VenueOrderStatus.New, 0, 0, 0, "x1", 100, 13)); // sent before our cancel landed
        Assert.Equal(OrderState.PendingCancel, order.State);
        Assert.False(_tracker.ApplyExecution(order, 0.01m, 14)); // a fill before the cancel: still cancelling
        Assert.Equal(OrderState.PendingCancel, order.State);
        Assert.True(_tracker.ApplyExecution(order, 0.01m, 15)); // the rest filled first: the cancel was too late
        Assert.Equal(OrderState.Filled, order.State);
    }

    [Fact]
    public void ARejectionOnlyEndsAnOrderThatNeverRested()
    {
        TrackedOrder order = Order();
        Assert.True(_tracker.Reject(order, "110007 not enough balance", 11));
        Assert.Equal((OrderState.Rejected, "110007 not enough balance"), (order.State, order.RejectReason));

        TrackedOrder resting = _tracker.Add(2, "mm-a-2", Side.Sell, 101m, 0.01m, false, 20);
        _tracker.Acknowledge(resting, "x2", 21);
        Assert.False(_tracker.Reject(resting, "late reply", 22));
        Assert.Equal(OrderState.New, resting.State);
    }

    [Fact]
    public void ReconciliationResolvesUnknownOrders()
    {
        // A create that timed out: the venue has it open with a part filled.
        TrackedOrder landed = Order();
        Assert.True(_tracker.MarkUnknown(landed, 11));
        Assert.True(_tracker.ConfirmOpen(landed, 0.01m, "x1", 12));
        Assert.Equal(OrderState.PartiallyFilled, landed.State);

        // A create that timed out and is not on the venue, nothing executed: it never got there.
        TrackedOrder lost = _tracker.Add(2, "mm-a-2", Side.Buy, 100m, 0.01m, false, 20);
        _tracker.MarkUnknown(lost, 21);
        Assert.True(_tracker.Close(lost, 22));
        Assert.Equal(OrderState.Rejected, lost.State);

        // A cancel that timed out, the order gone with its executions covering it: filled.
        TrackedOrder filled = _tracker.Add(3, "mm-a-3", Side.Sell, 101m, 0.01m, false, 30);
        _tracker.Acknowledge(filled, "x3", 31);
        _tracker.CancelSent(filled, 32);
        _tracker.MarkUnknown(filled, 33);
        _tracker.ApplyExecution(filled, 0.01m, 34);
        Assert.Equal(OrderState.Filled, filled.State);

        // A resting order no longer on the venue with nothing executed: cancelled.
        TrackedOrder cancelled = _tracker.Add(4, "mm-a-4", Side.Sell, 102m, 0.01m, false, 40);
        _tracker.Acknowledge(cancelled, "x4", 41);
        Assert.True(_tracker.Close(cancelled, 42));
        Assert.Equal(OrderState.Cancelled, cancelled.State);
        Assert.Equal(["mm-a-1"], _tracker.Open.Select(o => o.LinkId));
    }

    [Fact]
    public void AnAmendTakesEffectOnlyWhenAccepted()
    {
        TrackedOrder order = Order();
        _tracker.Acknowledge(order, "x1", 11);
        OrderTracker.AmendSent(order, 100.5m, 0.02m);
        Assert.False(OrderTracker.AmendAnswered(order, accepted: false, 12));
        Assert.Equal(0.03m, order.Quantity);
        OrderTracker.AmendSent(order, 100.5m, 0.02m);
        Assert.True(OrderTracker.AmendAnswered(order, accepted: true, 13));
        Assert.Equal((0.02m, 0m), (order.Quantity, order.PendingAmendQuantity));
    }

    [Fact]
    public void OldFinalOrdersArePrunedAndTheirLinkIdsCannotBeReused()
    {
        TrackedOrder order = Order();
        _tracker.Reject(order, "x", 11);
        Assert.Throws<InvalidOperationException>(() => _tracker.Add(9, "mm-a-1", Side.Sell, 1m, 1m, false, 12));
        Assert.Equal(0, _tracker.Prune(before: 11));
        Assert.Equal(1, _tracker.Prune(before: 12));
        Assert.Null(_tracker.Find("mm-a-1"));
        Assert.Null(_tracker.FindLocal(1));
    }
}
