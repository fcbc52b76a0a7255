using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

public class StageStampsTests
{
    /// <summary>The stamps are the tick-to-order bench's: a session that did not switch them on never takes one.</summary>
    [Fact]
    public async Task AreOffUnlessSwitchedOnAndASessionTakesNone()
    {
        Assert.False(AppContext.TryGetSwitch(StageStamps.Switch, out bool on) && on);
        Assert.False(StageStamps.Enabled);

        using var harness = new SessionHarness(messages: 300, settings: s => s with { RequoteInterval = TimeSpan.Zero });
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.True(result.Run.Metrics.OrdersSubmitted > 0, "the session made no decision that sent an order");
        Assert.Equal(0, StageStamps.BookApplied);
        Assert.Equal(0, StageStamps.DecisionStarted);
        Assert.Equal(0, StageStamps.DecisionMade);
    }
}
