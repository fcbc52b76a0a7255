using MarketMaking.Venue.Markets;
using MarketMaking.Venue.Streams;

namespace MarketMaking.Venue.Exchange;

/// <summary>One instrument the venue lists: its market (own book), its public data and its exchange on the shared account.</summary>
internal sealed record VenueInstrument(string Symbol, IVenueMarket Market, PublicMarketData Public, VenueExchange Exchange);
