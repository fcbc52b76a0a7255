using System.Diagnostics;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class SessionRateLimitTests
{
    [Fact]
    public async Task NoRollingSecondHoldsMoreCreatesThanTheLimitWhenADecisionIsSlow()
    {
        // Every decision moves both quotes (a cancel and a new order each side), and every tenth takes
        // 400 ms (a first decision's JIT, a GC). The limit must hold on the times the creates really go.
        using var harness = new SessionHarness(messages: 500, strategy: () => new SlowEveryTenth());
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(500);
        harness.Session.RequestStop();
        await running;

        long[] sent = [.. harness.Venue.CreatesSentAt];
        int limit = SessionSettings.DefaultRateLimits[VenueEndpoint.Create];
        Assert.True(sent.Length > 3 * limit, $"{sent.Length} creates: too few to test the limit");
        // Any 0.9 s rather than any second: a request is stamped here a little after the limiter took its
        // slot, and a thread switch in between must not count as a breach.
        int most = 0;
        for (int first = 0, last = 0; last < sent.Length; last++)
        {
            while (Stopwatch.GetElapsedTime(sent[first], sent[last]) >= TimeSpan.FromSeconds(0.9))
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        Assert.Equal(limit, most);
    }

    private sealed class SlowEveryTenth : IQuotingStrategy
    {
        private int _decisions;

        public string Name => "slow-every-tenth";

        public QuoteDecision Decide(in QuoteContext context)
        {
            if (++_decisions % 10 == 0)
            {
                Thread.Sleep(400);
            }

            double away = 1.0 + (0.1 * (_decisions % 2));
            return QuoteDecision.TwoSided(context.BestBid - away, context.BestAsk + away, 0.01);
        }
    }
}
