using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// Turns decimal prices and quantities into the engine's ticks and lots for an instrument, refusing
/// (rather than rounding) values that are not on the grid, so a caller working in decimals gets the
/// same validation and reject counting as one working in ticks.
/// </summary>
public sealed class GridOrderConverter
{
    // Relative slack for binary round-off: 0.3 / 0.1 = 2.9999999999999996 is on the grid.
    private const double Tolerance = 1e-9;

    // Beyond 2^53 a double no longer holds every whole number, so "on the grid" means nothing.
    private const double MaxUnits = 9_007_199_254_740_992.0;

    public GridOrderConverter(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!instrument.HasPriceGrid)
        {
            throw new ArgumentException($"{instrument.Symbol} has continuous prices: the matching engine needs a tick size", nameof(instrument));
        }

        Instrument = instrument;
    }

    public Instrument Instrument { get; }

    /// <summary>Whole ticks of a price; NonPositivePrice or OffTickGrid when it has none.</summary>
    public OrderRejectReason TryToTicks(double price, out long ticks) =>
        TryToUnits(price, Instrument.TickSize, OrderRejectReason.NonPositivePrice, OrderRejectReason.OffTickGrid, out ticks);

    /// <summary>Whole lots of a quantity; NonPositiveSize or OffLotGrid when it has none.</summary>
    public OrderRejectReason TryToLots(double quantity, out long lots) =>
        TryToUnits(quantity, Instrument.LotSize, OrderRejectReason.NonPositiveSize, OrderRejectReason.OffLotGrid, out lots);

    /// <summary>
    /// Converts and submits a new order (a market order's price is ignored). An off-grid value is
    /// rejected through the engine: reported in <paramref name="events"/> and counted there.
    /// </summary>
    public OrderRejectReason Submit(MatchingEngine engine, long id, int owner, Side side, OrderType type, double price, double quantity, long time, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        long ticks = 0;
        OrderRejectReason reason = type == OrderType.Market ? OrderRejectReason.None : TryToTicks(price, out ticks);
        long lots = 0;
        if (reason == OrderRejectReason.None)
        {
            reason = TryToLots(quantity, out lots);
        }

        return reason == OrderRejectReason.None
            ? engine.Submit(new OrderRequest(id, owner, side, type, ticks, lots, time), events)
            : engine.Reject(id, owner, side, 0, 0, time, reason, events);
    }

    /// <summary>Converts and applies an amend, rejecting off-grid values as <see cref="Submit"/> does.</summary>
    public OrderRejectReason Amend(MatchingEngine engine, long orderId, double price, double quantity, long time, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        OrderRejectReason reason = TryToTicks(price, out long ticks);
        long lots = 0;
        if (reason == OrderRejectReason.None)
        {
            reason = TryToLots(quantity, out lots);
        }

        if (reason == OrderRejectReason.None)
        {
            return engine.Amend(orderId, ticks, lots, time, events);
        }

        bool known = engine.TryGetOrder(orderId, out RestingOrder order);
        return engine.Reject(orderId, known ? order.Owner : 0, known ? order.Side : Side.Buy, 0, 0, time, reason, events);
    }

    private static OrderRejectReason TryToUnits(double value, double unit, OrderRejectReason nonPositive, OrderRejectReason offGrid, out long units)
    {
        units = 0;
        if (!(value > 0))
        {
            return nonPositive; // also NaN
        }

        double exact = value / unit;
        double whole = Math.Round(exact);
        if (!(exact <= MaxUnits) || whole < 1 || Math.Abs(exact - whole) > Tolerance * exact)
        {
            return offGrid;
        }

        units = (long)whole;
        return OrderRejectReason.None;
    }
}
