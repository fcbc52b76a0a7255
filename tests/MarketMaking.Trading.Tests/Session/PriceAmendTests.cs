using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>
/// A quote that follows the touch changes price by amending its order (one request, the same
/// orderLinkId, never two orders resting on one side) rather than cancelling it and placing another.
/// The script: best bid 999.9, best ask 1000.1; a bid at 1000.0 appears at message 500 and goes at
/// message 1000 (half a second or more of wall clock between them), so a touch quoter's bid moves up a tick and back.
/// </summary>
public class PriceAmendTests
{
    private static readonly Dictionary<int, long> UpAndBack = new() { [500] = 500, [1000] = 0 };

    [Fact]
    public async Task ATouchQuoteFollowsTheBidByAmendingItsOrder()
    {
        using var harness = new SessionHarness(script: ScriptedMarketData.InsideBid(1500, UpAndBack));
        SessionResult result = await RunAsync(harness);

        List<JournalEvent> requests = Trading(harness);
        string bid = requests.Single(r => r.Detail.StartsWith("create Buy", StringComparison.Ordinal)).LinkId!;
        string ask = requests.Single(r => r.Detail.StartsWith("create Sell", StringComparison.Ordinal)).LinkId!;
        Assert.Equal(
            [(bid, "create Buy 0.010@999.9 post-only"), (ask, "create Sell 0.010@1000.1 post-only"), (bid, "amend to 0.010@1000.0"), (bid, "amend to 0.010@999.9")],
            requests.Select(r => (r.LinkId!, r.Detail)));

        // Both amends were accepted: the bid ended where the second one put it, and nothing else was refused.
        JournalOrder bidOrder = JournalReader.Orders(harness.JournalPath).Single(o => o.LinkId == bid);
        Assert.Equal(999.9m, bidOrder.Price);
        Assert.Equal("Cancelled", bidOrder.State); // by the stop
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Empty(result.Faults);
    }

    [Fact]
    public async Task ARefusedPriceChangeCancelsTheOrderAndTheNextDecisionPlacesANewOne()
    {
        using var harness = new SessionHarness(script: ScriptedMarketData.InsideBid(1500, UpAndBack));
        harness.Venue.RefuseAmends(1);
        SessionResult result = await RunAsync(harness);

        // The refused amend left the bid at 999.9 while the order manager believed it at 1000.0: it is
        // cancelled and forgotten, and a new bid goes to 1000.0; the move back amends that one.
        List<JournalEvent> bids = Trading(harness).Where(r => !r.Detail.StartsWith("create Sell", StringComparison.Ordinal)).ToList();
        string first = bids[0].LinkId!;
        string second = bids[3].LinkId!;
        Assert.NotEqual(first, second);
        Assert.Equal(
            [(first, "create Buy 0.010@999.9 post-only"), (first, "amend to 0.010@1000.0"), (first, "cancel"), (second, "create Buy 0.010@1000.0 post-only"), (second, "amend to 0.010@999.9")],
            bids.Select(r => (r.LinkId!, r.Detail)));
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal("Cancelled", JournalReader.Orders(harness.JournalPath).Single(o => o.LinkId == first).State);
    }

    [Fact]
    public async Task AnOrderARateLimitHoldsBackGoesAtItsNewPriceInsteadOfBeingDropped()
    {
        // The first create's answer says the create limit is used up for 3 s: the first decision's
        // bid goes, its ask waits; the best ask (1000.1) goes at message 50, well within, and the
        // waiting ask moves up to the next, 1000.2.
        using var harness = new SessionHarness(
            script: ScriptedMarketData.LevelChanges(Side.Sell, 10001, 600, new Dictionary<int, long> { [50] = 0 }),
            settings: s => s with { StaleRequestAfter = TimeSpan.FromSeconds(30) });
        harness.Venue.HoldCreatesAfterTheNext(TimeSpan.FromSeconds(3));
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(harness.Data.Messages.Count).WaitAsync(TimeSpan.FromSeconds(60));
        await SessionHarness.UntilAsync(() => harness.Events("request").Count >= 2); // the ask, once the limit resets
        harness.Session.RequestStop();
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(["create Buy 0.010@999.9 post-only", "create Sell 0.010@1000.2 post-only"], Trading(harness).Select(r => r.Detail));
        Assert.Empty(harness.Events("dropped"));
        Assert.Equal(2, JournalReader.Orders(harness.JournalPath).Count);
        Assert.Equal(0, result.OrdersOpenAtEnd);
    }

    private static async Task<SessionResult> RunAsync(SessionHarness harness)
    {
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(harness.Data.Messages.Count).WaitAsync(TimeSpan.FromSeconds(60));
        harness.Session.RequestStop();
        return await running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The requests sent while trading, before the stop cancelled everything.</summary>
    private static List<JournalEvent> Trading(SessionHarness harness)
    {
        long stoppedAt = harness.Events("stop").Single().LocalTime;
        return harness.Events("request").Where(r => r.LocalTime < stoppedAt).ToList();
    }
}
