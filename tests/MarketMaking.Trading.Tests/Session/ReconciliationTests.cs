using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Data.Bybit;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Venues;
using Microsoft.Data.Sqlite;

namespace MarketMaking.Trading.Tests.Session;

public class ReconciliationTests
{
    private static OrderCommand Foreign(string link) => new(OrderCommandKind.Create, link, Side.Buy, 990.0m, 0.01m, true, false, false, 0);

    [Fact]
    public async Task AnOrderTheSessionDoesNotKnowIsCancelledAtTheStart()
    {
        using var harness = new SessionHarness(messages: 600);
        await harness.Venue.ConnectAsync("TESTUSDT", default);
        await harness.Venue.SendAsync(Foreign("someone-else-1"), default);
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(600);
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.Equal("someone-else-1", Assert.Single(harness.Events("unknown-order")).LinkId);
        Assert.Contains(harness.Events("request"), e => e.LinkId == "someone-else-1" && e.Detail == "cancel");
        Assert.Equal("Cancelled", JournalReader.Orders(harness.JournalPath).Single(o => o.LinkId == "someone-else-1").State);
        Assert.Equal(0, result.OrdersOpenAtEnd);
    }

    [Fact]
    public async Task AnOrderWhoseCancelWasRefusedAsNotThereIsCancelledAgainOnceTheVenueShowsItOpen()
    {
        using var harness = new SessionHarness(messages: 6000, strategy: () => new DeepBidThenNothing());
        harness.Venue.RefuseCancels(1);
        Task<SessionResult> running = harness.Session.RunAsync();
        while (harness.Venue.RefusedCancels.IsEmpty)
        {
            await Task.Delay(5);
        }

        // Before the stop's own cancels: the order must go while the session runs.
        await harness.NoOrderOpenAsync(TimeSpan.FromSeconds(4));
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.True(harness.Venue.RefusedCancels.TryPeek(out string? refused));
        Assert.Equal(2, harness.Events("request").Count(e => e.LinkId == refused && e.Detail == "cancel"));
        Assert.Equal("Cancelled", JournalReader.Orders(harness.JournalPath).Single(o => o.LinkId == refused).State);
        Assert.Equal(0, result.OrdersOpenAtEnd);
    }

    [Fact]
    public async Task WithAdoptOrdersItIsManagedLikeTheSessionsOwn()
    {
        using var harness = new SessionHarness(messages: 600, settings: s => s with { AdoptOrders = true });
        await harness.Venue.ConnectAsync("TESTUSDT", default);
        await harness.Venue.SendAsync(Foreign("mine-from-before-1"), default);
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(600);
        harness.Session.RequestStop();
        await running;

        // Adopted, then moved by the order manager in the first decision (990.0 is not where the
        // strategy quotes): its bid takes the adopted order to the touch by an amend, as its own.
        JournalEvent adopted = Assert.Single(harness.Events("adopted"));
        Assert.Equal("mine-from-before-1", adopted.LinkId);
        JournalEvent moved = harness.Events("request").First(e => e.LinkId == "mine-from-before-1");
        Assert.StartsWith("amend to 0.010@", moved.Detail, StringComparison.Ordinal);
        Assert.InRange(moved.Id, adopted.Id, harness.Events("decision")[0].Id);
        Assert.DoesNotContain(harness.Events("request"), e => e.Detail.StartsWith("create Buy", StringComparison.Ordinal) && e.Id < moved.Id);
        Assert.Empty(harness.Events("unknown-order"));
    }

    [Fact]
    public async Task APositionThatDiffersFromTheJournalStopsTheStartUnlessAdopted()
    {
        using (var refused = new SessionHarness(positionOffset: 0.5m))
        {
            TradingException error = await Assert.ThrowsAsync<TradingException>(() => refused.Session.RunAsync());
            Assert.Equal("position on fake is 0.5 but the journal's executions give 0: check the account, or start with --adopt-position to take the venue's", error.Message);

            // The run's end says why (it was "(no clean end)", no reason).
            JournalRun run = Assert.Single(JournalReader.Load(refused.JournalPath).Runs);
            Assert.NotNull(run.EndedAt);
            Assert.Null(run.FinalState);
            Assert.Equal("failed at start: " + error.Message, run.EndReason);
            Assert.Equal(run.EndReason, Assert.Single(refused.Events("failed")).Detail);
        }

        using var adopted = new SessionHarness(messages: 600, positionOffset: 0.5m, settings: s => s with { AdoptPosition = true });
        Task<SessionResult> running = adopted.Session.RunAsync();
        await adopted.PlayedAsync(600);
        adopted.Session.RequestStop();
        SessionResult result = await running;
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Single(adopted.Events("adopted-position"));
    }

    [Fact]
    public async Task ANewJournalBooksNoExecutionOfAnotherSessionOnTheAccountAndStarts()
    {
        using var harness = new SessionHarness(messages: 600);

        // Another session on the account sold a lot a moment ago (its earlier buy, before the start's window, left the account flat), and sells again while this one runs.
        long now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        harness.Venue.OthersExecutions.Enqueue(new VenueExecution("other-exec-11", "mm-other1-11", "other-order-11", Side.Sell, 1000.0m, 1m, 0m, true, now));
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        harness.Venue.Push(new VenueExecution("other-exec-12", "mm-other1-12", "other-order-12", Side.Sell, 1000.0m, 1m, 0m, true, now));
        await harness.PlayedAsync(600);
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.DoesNotContain(JournalReader.Fills(harness.JournalPath), f => f.LinkId.StartsWith("mm-other1-", StringComparison.Ordinal));
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal(result.VenueExecutions, result.JournalExecutions);
        Assert.DoesNotContain(harness.Events("fault"), e => e.Detail.StartsWith("position-mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADatabaseThatIsNotAJournalStopsTheStartBeforeAnyOrder()
    {
        using var harness = new SessionHarness(messages: 600);
        using (var other = new SqliteConnection($"Data Source={harness.JournalPath};Pooling=False"))
        {
            other.Open();
            using SqliteCommand create = other.CreateCommand();
            create.CommandText = "CREATE TABLE t(x INTEGER)";
            create.ExecuteNonQuery();
        }

        InvalidParameterException error = await Assert.ThrowsAsync<InvalidParameterException>(() => harness.Session.RunAsync());
        Assert.Equal($"invalid journal: {harness.JournalPath} is not a trading journal (its tables are missing)", error.Message);
        Assert.Empty(harness.Venue.CreatesSentAt);
        Assert.Equal(0, harness.Venue.CancelAlls);
    }

    [Fact]
    public async Task AnAdoptedPositionIsKeptInTheJournalSoARestartWithoutTheFlagStartsFromIt()
    {
        using var harness = new SessionHarness(messages: 2000, positionOffset: 0.5m, settings: s => s with { AdoptPosition = true });
        await RunUntilAsync(harness, harness.Session, 700);

        // The same journal, nothing changed on the venue, no --adopt-position this time.
        var restart = new TradingSession(harness.Venue, harness.Settings with { AdoptPosition = false }, _ => new TouchStrategy(0.01));
        SessionResult result = await RunUntilAsync(harness, restart, 1400);

        Assert.Equal(result.VenuePosition, result.Position);
        JournalState state = JournalReader.Load(harness.JournalPath);
        Assert.Equal(((decimal?)0.5m, result.VenuePosition), ((decimal?)state.AdoptedPosition, (decimal?)state.Book.Position)); // the position mm journal's summary and pnl print
        Assert.Single(harness.Events("adopted-position"));
    }

    [Fact]
    public async Task ARestartOnTheSameJournalResumesPastEveryLinkIdAndReconciles()
    {
        using var harness = new SessionHarness(messages: 2000);
        await RunUntilAsync(harness, harness.Session, 700);
        IReadOnlyList<JournalOrder> before = JournalReader.Orders(harness.JournalPath);
        JournalState state = JournalReader.Load(harness.JournalPath);
        var links = new LinkIds(state.LinkPrefix!, 0, long.MaxValue);
        long highest = before.Max(o => links.CounterOf(o.LinkId));

        SessionResult result = await RunUntilAsync(harness, harness.New(), 1400);

        IReadOnlyList<JournalOrder> after = JournalReader.Orders(harness.JournalPath);
        Assert.All(after.Where(o => o.Run == 2), o => Assert.True(links.CounterOf(o.LinkId) > highest, o.LinkId));
        Assert.Contains(after, o => o.Run == 2);
        Assert.Equal(after.Count, after.Select(o => o.LinkId).Distinct().Count());
        Assert.Equal(2, JournalReader.Load(harness.JournalPath).Runs.Count);
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal(result.VenueCash, result.Cash);
        Assert.Equal(result.VenueExecutions, result.JournalExecutions);
    }

    [Fact]
    public async Task AnOrderACrashKeptOutOfTheJournalThatFilledMeanwhileGetsItsRowAtTheRestart()
    {
        using var harness = new SessionHarness(messages: 2000);
        string lost = await FirstRunThenNextLinkIdAsync(harness);

        // What a crashed run sent in the journal's last commit interval and never wrote: a market order, filled at once.
        OrderReply sent = await harness.Venue.SendAsync(new OrderCommand(OrderCommandKind.Create, lost, Side.Buy, 0m, 0.01m, false, false, true, 0), default);
        Assert.Equal(ReplyOutcome.Accepted, sent.Outcome);

        SessionResult result = await RunUntilAsync(harness, harness.New(), 1400);

        JournalOrder row = Assert.Single(JournalReader.Orders(harness.JournalPath), o => o.LinkId == lost);
        Assert.Equal(("Filled", 2, Side.Buy, 0.01m, 0.01m), (row.State, row.Run, row.Side, row.Quantity, row.Executed));
        Assert.Contains(harness.Events("order"), e => e.LinkId == lost && e.Detail.Contains("not in the journal", StringComparison.Ordinal));
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal(result.VenueExecutions, result.JournalExecutions);
    }

    [Fact]
    public async Task AnOrderACrashKeptOutOfTheJournalThatWasCancelledUntradedGetsItsRowFromTheVenuesHistory()
    {
        using var harness = new SessionHarness(messages: 2000);
        string lost = await FirstRunThenNextLinkIdAsync(harness);

        // What a crashed run sent in the journal's last commit interval and never wrote: a bid far under the book, cancelled before the restart.
        Assert.Equal(ReplyOutcome.Accepted, (await harness.Venue.SendAsync(new OrderCommand(OrderCommandKind.Create, lost, Side.Buy, 500.0m, 0.01m, false, false, false, 0), default)).Outcome);
        Assert.Equal(ReplyOutcome.Accepted, (await harness.Venue.SendAsync(new OrderCommand(OrderCommandKind.Cancel, lost, Side.Buy, 0, 0, false, false, false, 0), default)).Outcome);
        await Task.Delay(20);
        harness.Venue.Inner.Tick((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100, []); // the paper venue's clock runs on: the cancel lands
        Assert.Contains(await harness.Venue.ClosedOrdersAsync(0, default), o => o.LinkId == lost && o.Status == VenueOrderStatus.Cancelled);

        SessionResult result = await RunUntilAsync(harness, harness.New(), 1400);

        JournalOrder row = Assert.Single(JournalReader.Orders(harness.JournalPath), o => o.LinkId == lost);
        Assert.Equal(("Cancelled", 2, Side.Buy, 500.0m, 0.01m, 0m), (row.State, row.Run, row.Side, row.Price, row.Quantity, row.Executed));
        Assert.Contains(harness.Events("order"), e => e.LinkId == lost && e.Detail.Contains("not in the journal, Cancelled on the venue", StringComparison.Ordinal));
        Assert.DoesNotContain(JournalReader.Fills(harness.JournalPath), f => f.LinkId == lost);
        Assert.Equal(result.VenuePosition, result.Position);
    }

    [Fact]
    public async Task AVenueThatRefusesItsOrderHistoryStillStartsAndALostOrderThatTradedGetsItsRowFromItsExecutions()
    {
        using var harness = new SessionHarness(messages: 2000);
        string lost = await FirstRunThenNextLinkIdAsync(harness);
        Assert.Equal(ReplyOutcome.Accepted, (await harness.Venue.SendAsync(new OrderCommand(OrderCommandKind.Create, lost, Side.Sell, 0m, 0.01m, false, false, true, 0), default)).Outcome);
        harness.Venue.ClosedOrdersFailure = new BybitApiException("GET /v5/order/history", 10001, "params error");
        Task<long> refused = harness.FaultAsync("order-history-refused");

        SessionResult result = await RunUntilAsync(harness, harness.New(), 1400);

        Assert.True(refused.IsCompleted, "the refusal is a fault the session saw");
        Assert.Contains(harness.Events("fault"), e => e.Detail.StartsWith("order-history-refused: Bybit GET /v5/order/history: error 10001", StringComparison.Ordinal));
        JournalOrder row = Assert.Single(JournalReader.Orders(harness.JournalPath), o => o.LinkId == lost);
        Assert.Equal(("Filled", 2, Side.Sell, 0.01m, 0.01m), (row.State, row.Run, row.Side, row.Quantity, row.Executed));
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal(result.VenueExecutions, result.JournalExecutions);
    }

    [Fact]
    public async Task AnExecutionTheStreamLostOlderThanTheQuerysWindowIsFoundOnceThePositionsDisagree()
    {
        using var harness = new SessionHarness(messages: 6000);
        (Task<SessionResult> running, VenueExecution lost) = await RunAndLoseAnExecutionAsync(harness);

        // Paused, with nothing resting, so no fill landing between a snapshot's reading and its arrival evens the positions by chance.
        harness.Session.Pause();
        await harness.NoOrderOpenAsync(TimeSpan.FromSeconds(10));

        // A reconnect reconciles: the window (a second before the latest execution) misses the lost one, twice; the third reads the run's whole history.
        harness.Venue.CutPrivateStream();
        harness.Venue.RestorePrivateStream();
        await SessionHarness.UntilAsync(() => JournalReader.Fills(harness.JournalPath).Any(f => f.ExecutionId == lost.ExecutionId));
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.Null(result.KillReason);
        Assert.True(harness.Events("fault").Count(e => e.Detail.StartsWith("position-mismatch", StringComparison.Ordinal)) >= 2, "found before two reconciliations differed");
        AssertTheVenuesBooks(result);
    }

    [Fact]
    public async Task AnExecutionTheStreamLostOlderThanTheQuerysWindowIsFoundAtTheEnd()
    {
        using var harness = new SessionHarness(messages: 6000);
        (Task<SessionResult> running, VenueExecution lost) = await RunAndLoseAnExecutionAsync(harness);
        harness.Session.RequestStop();
        SessionResult result = await running;

        Assert.Single(JournalReader.Fills(harness.JournalPath), f => f.ExecutionId == lost.ExecutionId);
        AssertTheVenuesBooks(result);
        Assert.DoesNotContain(harness.Events("fault"), e => e.Detail.StartsWith("position-mismatch", StringComparison.Ordinal));
    }

    private static void AssertTheVenuesBooks(SessionResult result)
    {
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal((result.VenueExecutions, result.VenueExecutions), (result.Executions, result.JournalExecutions));
    }

    /// <summary>
    /// Starts the session, loses its next execution on the way, then waits until the venue holds one of
    /// ours (which the session saw) more than the query's one-second margin later on the venue's clock.
    /// </summary>
    private static async Task<(Task<SessionResult> Running, VenueExecution Lost)> RunAndLoseAnExecutionAsync(SessionHarness harness)
    {
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        harness.Venue.LoseExecutions(1);
        await SessionHarness.UntilAsync(() => !harness.Venue.Lost.IsEmpty);
        VenueExecution lost = Assert.Single(harness.Venue.Lost);
        while (!(await harness.Venue.Inner.SnapshotAsync(0, default)).Executions.Any(e => e.ExecutionTime > lost.ExecutionTime + 1_500_000_000))
        {
            Assert.True(harness.Data.Played < harness.Data.Messages.Count, "no execution came more than 1.5 s after the lost one");
            await Task.Delay(10);
        }

        return (running, lost);
    }

    /// <summary>
    /// A first run on the harness's journal, then the link id its next order would have had: what a
    /// crash in the writer's last interval keeps out of the journal. The journal's own highest counter
    /// is checked against its orders' link ids.
    /// </summary>
    private static async Task<string> FirstRunThenNextLinkIdAsync(SessionHarness harness)
    {
        await RunUntilAsync(harness, harness.Session, 700);
        JournalState state = JournalReader.Load(harness.JournalPath);
        var links = new LinkIds(state.LinkPrefix!, 0, long.MaxValue);
        Assert.Equal(JournalReader.Orders(harness.JournalPath).Max(o => links.CounterOf(o.LinkId)), state.LastLinkCounter);
        return state.LinkPrefix + (state.LastLinkCounter + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="session"/> until the harness has played <paramref name="messages"/> market messages in all, then stops it.</summary>
    private static async Task<SessionResult> RunUntilAsync(SessionHarness harness, TradingSession session, int messages)
    {
        Task<SessionResult> running = session.RunAsync();
        await harness.PlayedAsync(messages);
        session.RequestStop();
        return await running;
    }

    /// <summary>A bid 50 ticks under the touch (never filled) for the first five decisions, then nothing: the bid is cancelled.</summary>
    private sealed class DeepBidThenNothing : IQuotingStrategy
    {
        private int _decisions;

        public string Name => "deep-bid-then-nothing";

        public QuoteDecision Decide(in QuoteContext context) =>
            ++_decisions <= 5 ? QuoteDecision.TwoSided(context.BestBid - 5.0, double.NaN, 0.01) : QuoteDecision.None;
    }
}
