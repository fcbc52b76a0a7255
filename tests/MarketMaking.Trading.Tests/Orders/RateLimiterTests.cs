using MarketMaking.Core.Errors;
using MarketMaking.Trading.Orders;

namespace MarketMaking.Trading.Tests.Orders;

public class RateLimiterTests
{
    private const long Ms = 1_000_000;

    private static RateLimiter Limiter(int create = 3) => new(new Dictionary<VenueEndpoint, int>
    {
        [VenueEndpoint.Create] = create,
        [VenueEndpoint.Amend] = 1,
        [VenueEndpoint.Cancel] = 1,
        [VenueEndpoint.CancelAll] = 1,
        [VenueEndpoint.Query] = 1,
    });

    [Fact]
    public void AtMostTheLimitGoesInAnyRollingSecond()
    {
        RateLimiter limiter = Limiter();
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 0));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 300 * Ms));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 600 * Ms));
        Assert.False(limiter.TryAcquire(VenueEndpoint.Create, 999 * Ms));
        Assert.Equal(1000 * Ms, limiter.AvailableAt(VenueEndpoint.Create, 999 * Ms));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 1000 * Ms));
        Assert.Equal(1300 * Ms, limiter.AvailableAt(VenueEndpoint.Create, 1000 * Ms));

        // Endpoints are counted apart.
        Assert.True(limiter.TryAcquire(VenueEndpoint.Cancel, 1000 * Ms));
        Assert.Equal(1, limiter.Throttled);
    }

    [Fact]
    public void AVenueSayingNothingIsLeftHoldsTheEndpointUntilItsReset()
    {
        RateLimiter limiter = Limiter();
        limiter.OnVenueStatus(VenueEndpoint.Create, remaining: 2, resetAt: 5000 * Ms);
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 0));
        limiter.OnVenueStatus(VenueEndpoint.Create, remaining: 0, resetAt: 5000 * Ms);
        Assert.False(limiter.TryAcquire(VenueEndpoint.Create, 4999 * Ms));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 5000 * Ms));
    }

    [Fact]
    public void ALimitBelowOneIsRefusedNamingItsKey() =>
        Assert.Equal("rate_limits", Assert.Throws<InvalidParameterException>(() => Limiter(create: 0)).Parameter);
}
