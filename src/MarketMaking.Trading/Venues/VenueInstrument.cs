using MarketMaking.Core.Instruments;

namespace MarketMaking.Trading.Venues;

/// <summary>
/// The traded instrument as the venue defines it: the grid in the venue's decimals (prices and
/// quantities go out exactly on it) and the <see cref="Core.Instruments.Instrument"/> the strategy
/// and the order manager work in.
/// </summary>
public sealed record VenueInstrument(Instrument Instrument, decimal TickSize, decimal LotSize, decimal MinQuantity)
{
    /// <summary>A price in instrument units as the venue's decimal on the tick grid.</summary>
    public decimal Price(double price) => Instrument.ToTicks(price) * TickSize;

    /// <summary>A quantity in instrument units as the venue's decimal on the lot grid.</summary>
    public decimal Quantity(double quantity) => Instrument.ToLots(quantity) * LotSize;
}
