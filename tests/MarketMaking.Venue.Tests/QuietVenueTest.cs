using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Venue.Tests;

/// <summary>A test class with a venue on the quiet market (rate limits off) and a trading client of its account.</summary>
public abstract class QuietVenueTest : IAsyncLifetime
{
    protected LocalVenue Venue { get; private set; } = null!;

    protected BybitTradingClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Venue = await Venues.StartAsync(Venues.Quiet, new VenueSettings { RateLimits = new VenueRateLimits { Scale = 0 } });
        Client = Venues.Client(Venue);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Venue.DisposeAsync();
    }
}
