using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// One change to one of our orders in a <see cref="ShadowExchange"/>: accepted, refused, filled or
/// cancelled, at the exchange time of the market event that caused it.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="OrderId">The caller's id of the order.</param>
/// <param name="Side">The order's side.</param>
/// <param name="PriceTicks">The order's price in ticks.</param>
/// <param name="Price">The order's price as submitted (instrument units).</param>
/// <param name="Lots">Filled lots for a fill; the lots left on the order otherwise.</param>
/// <param name="RemainingLots">Lots still resting after the event (0 once the order is gone).</param>
/// <param name="ExchangeTime">Exchange time of the market event (ns since the epoch).</param>
public readonly record struct ShadowEvent(ShadowEventKind Kind, long OrderId, Side Side, long PriceTicks, double Price, long Lots, long RemainingLots, long ExchangeTime);
