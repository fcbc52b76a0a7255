namespace MarketMaking.Trading.Venues;

/// <summary>
/// The venue's own accounting of our trading on the symbol, for the end-of-session comparison:
/// position, cash (−Σ side·price·qty − fees, the convention the engine keeps) and the ids of every
/// execution. A local venue states it; for Bybit it is summed from the execution list.
/// </summary>
public sealed record VenueAccount(decimal Position, decimal Cash, IReadOnlyList<string> ExecutionIds, int OpenOrders);
