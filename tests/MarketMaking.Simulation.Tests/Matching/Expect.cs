using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>Hand-written expected events, so scenario tests compare whole event lists.</summary>
internal static class Expect
{
    public static MatchingEvent Accepted(long id, int owner, Side side, long price, long size, long time = 0) =>
        new() { Kind = MatchingEventKind.Accepted, OrderId = id, Owner = owner, Side = side, Price = price, Size = size, Time = time };

    public static MatchingEvent Trade(long taker, int takerOwner, Side aggressor, long maker, int makerOwner, long price, long size, long time = 0) =>
        new() { Kind = MatchingEventKind.Trade, OrderId = taker, Owner = takerOwner, Side = aggressor, MakerOrderId = maker, MakerOwner = makerOwner, Price = price, Size = size, Time = time };

    public static MatchingEvent Book(Side side, long price, long size, long time = 0) =>
        new() { Kind = MatchingEventKind.BookChange, Side = side, Price = price, Size = size, Time = time };

    public static MatchingEvent Cancelled(long id, int owner, Side side, long price, long size, CancelReason reason, long time = 0) =>
        new() { Kind = MatchingEventKind.Cancelled, OrderId = id, Owner = owner, Side = side, Price = price, Size = size, CancelReason = reason, Time = time };

    public static MatchingEvent Amended(long id, int owner, Side side, long price, long size, bool keptPriority, long time = 0) =>
        new() { Kind = MatchingEventKind.Amended, OrderId = id, Owner = owner, Side = side, Price = price, Size = size, KeptPriority = keptPriority, Time = time };

    public static MatchingEvent Rejected(long id, int owner, Side side, long price, long size, OrderRejectReason reason, long time = 0) =>
        new() { Kind = MatchingEventKind.Rejected, OrderId = id, Owner = owner, Side = side, Price = price, Size = size, RejectReason = reason, Time = time };
}
