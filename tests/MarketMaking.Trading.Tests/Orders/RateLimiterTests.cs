using MarketMaking.Core.Errors;
using MarketMaking.Trading.Orders;

namespace MarketMaking.Trading.Tests.Orders;

public class RateLimiterTests
{
    private const long Ms = 1_000_000;

    /// <summary>A limiter whose venue has answered each endpoint once, saying nothing of its limits.</summary>
    private static RateLimiter Limiter(int create = 3)
    {
        RateLimiter limiter = Unanswered(create);
        foreach (VenueEndpoint endpoint in Enum.GetValues<VenueEndpoint>())
        {
            limiter.OnVenueStatus(endpoint, remaining: -1, resetAt: 0);
        }

        return limiter;
    }

    private static RateLimiter Unanswered(int create = 3) => new(new Dictionary<VenueEndpoint, int>
    {
        [VenueEndpoint.Create] = create,
        [VenueEndpoint.Amend] = 1,
        [VenueEndpoint.Cancel] = 1,
        [VenueEndpoint.CancelAll] = 1,
        [VenueEndpoint.Query] = 1,
    });

    [Fact]
    public void UntilTheVenueFirstAnswersAnEndpointItsRequestsGoOneAtATime()
    {
        RateLimiter limiter = Unanswered(create: 8);
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 0));
        Assert.False(limiter.TryAcquire(VenueEndpoint.Create, 1 * Ms));
        Assert.False(limiter.TryAcquire(VenueEndpoint.Create, 2000 * Ms)); // however long the answer takes
        Assert.True(limiter.TryAcquire(VenueEndpoint.Cancel, 1 * Ms)); // endpoints apart

        limiter.OnVenueStatus(VenueEndpoint.Create, remaining: 1, resetAt: 0, limit: 2); // squeezed to 2: keep to 1
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 2000 * Ms));
        Assert.False(limiter.TryAcquire(VenueEndpoint.Create, 2500 * Ms));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 3000 * Ms));
    }

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
    public void ALimitTheVenueLowersIsKeptToFourFifthsOfItUntilItIsRaisedAgain()
    {
        RateLimiter limiter = Limiter(create: 8);
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 0));
        limiter.OnVenueStatus(VenueEndpoint.Create, remaining: 4, resetAt: 0, limit: 5); // squeezed from 10 to 5
        Assert.Equal(4, limiter.Limit(VenueEndpoint.Create));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 100 * Ms));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 200 * Ms));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 300 * Ms));
        Assert.False(limiter.TryAcquire(VenueEndpoint.Create, 400 * Ms));
        Assert.Equal(1000 * Ms, limiter.AvailableAt(VenueEndpoint.Create, 400 * Ms)); // the 4th last (t = 0) leaves at 1 s

        limiter.OnVenueStatus(VenueEndpoint.Create, remaining: 0, resetAt: 0, limit: 1); // never below one a second
        Assert.Equal(1, limiter.Limit(VenueEndpoint.Create));
        Assert.Equal(1300 * Ms, limiter.AvailableAt(VenueEndpoint.Create, 400 * Ms)); // the last (t = 300 ms) leaves at 1.3 s

        limiter.OnVenueStatus(VenueEndpoint.Create, remaining: 9, resetAt: 0, limit: 100); // raised: the configured 8 again
        Assert.Equal(8, limiter.Limit(VenueEndpoint.Create));
        Assert.True(limiter.TryAcquire(VenueEndpoint.Create, 400 * Ms));
    }

    [Fact]
    public void ALimitBelowOneIsRefusedNamingItsKey() =>
        Assert.Equal("rate_limits", Assert.Throws<InvalidParameterException>(() => Limiter(create: 0)).Parameter);
}
