using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>
/// A generated request. Cancels and amends target an id picked (with <see cref="Pick"/>) among those
/// used so far, so some hit live orders and some hit dead ones; new orders occasionally reuse an id.
/// </summary>
internal readonly record struct MatchingMessage(MessageKind Kind, OrderType Type, Side Side, long Price, long Size, int Owner, int Pick);
