using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Venue.Markets;

/// <summary>Prices every part of the venue reads the same way from its market.</summary>
public static class VenueMarkets
{
    /// <summary>The mark (and index) price: the mid of the best bid and ask, or the last trade when a side is empty.</summary>
    public static decimal MarkPrice(this IVenueMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        BookLevel bid = market.Book.Best(Side.Buy);
        BookLevel ask = market.Book.Best(Side.Sell);
        return !bid.IsEmpty && !ask.IsEmpty ? (bid.Price + ask.Price) * market.TickSize / 2 : market.LastTradeTicks * market.TickSize;
    }
}
