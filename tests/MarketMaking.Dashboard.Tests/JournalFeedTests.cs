using System.Net;
using System.Text.Json;
using MarketMaking.Core.Orders;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Monitoring;
using MarketMaking.Trading.Tests;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Dashboard.Tests;

/// <summary>A finished session's page from a journal written by hand: every figure computed by hand, and the actions refused.</summary>
public class JournalFeedTests
{
    private const long Second = 1_000_000_000;
    private const long Start = 1_700_000_000 * Second;

    /// <summary>
    /// Decisions at mids 100 and 102; a buy of 1 at 99 (fee 0.01) between them and a sell of 1 at 103
    /// (rebate 0.005) after. Realized 103 − 99 = 4, fees 0.01, rebates 0.005, net 3.995; spread captured
    /// (100 − 99) + (103 − 102) = 2 (each fill against the mid known before it); the execution book:
    /// position 0, cash −99 + 103 − 0.01 + 0.005 = 3.995, fees 0.01 − 0.005 = 0.005.
    /// </summary>
    [Fact]
    public async Task FiguresComeFromTheJournalAsComputedByHand()
    {
        using var temp = new TempJournal();
        await using (TradingJournal journal = TradingJournal.Open(temp.Path, Start, "local", "SIMUSDT", "touch"))
        {
            journal.Decision(Start + Second, Start + Second, 1, 100, 0, 99.5, 100.5);
            journal.Event("request", Start + Second, 0, "a-1", "create Buy 1@99.5 post-only");
            journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Buy, 99m, 1m, 0.01m, true, Start + (2 * Second)), Start + (2 * Second));
            journal.Event("fault", Start + (2 * Second), 0, null, "market-gap: u 5 after 3");
            journal.Decision(Start + (3 * Second), Start + (3 * Second), 3, 102, 1, 101.5, 102.5);
            journal.Event("request", Start + (3 * Second), 0, "a-1", "cancel");
            journal.Fill(new VenueExecution("e2", "a-2", "o2", Side.Sell, 103m, 1m, -0.005m, true, Start + (4 * Second)), Start + (4 * Second));
            journal.Event("kill", Start + (5 * Second), 0, null, "max loss");
            await journal.FlushAsync();
        }

        JournalSessionFeed feed = JournalSessionFeed.Load(temp.Path);
        SessionSnapshot s = feed.Latest!;
        Assert.Equal(2, s.Executions);
        Assert.Equal(0m, s.Position);
        Assert.Equal(3.995m, s.Cash);
        Assert.Equal(0.005m, s.Fees);
        Assert.Equal(4, s.RealizedPnl, 12);
        Assert.Equal(0.01, s.FeesPaid, 12);
        Assert.Equal(0.005, s.Rebates, 12);
        Assert.Equal(3.995, s.NetPnl, 12);
        Assert.Equal(2, s.SpreadCaptured, 12);
        Assert.Equal(2, s.Decisions);
        Assert.Equal(1, s.Requests["create"]);
        Assert.Equal(1, s.Requests["cancel"]);
        Assert.Equal(1, s.Faults["market-gap"]);
        Assert.True(s.Killed);
        Assert.Equal("max loss", s.KillReason);
        Assert.False(feed.IsLive);

        (HistoryPoint[] points, MonitorFill[] fills, MonitorEvent[] events, _) = feed.Recorded.Copy();
        Assert.Equal([0.0, 1.0, 0.0], points.Select(p => p.Position)); // two decisions and the end
        Assert.Equal([100.0, 102.0, 102.0], points.Select(p => p.Mid));
        Assert.Equal([0L, 1L, 2L], points.Select(p => p.Fills));
        Assert.Equal(Start / 1e9 + 1, points[0].T);
        Assert.Equal([Side.Buy, Side.Sell], fills.Select(f => f.Side));
        Assert.Equal(["market-gap", "kill"], events.Select(e => e.Kind).Where(k => k != "start"));

        await using DashboardServer server = await DashboardServer.StartAsync(feed, new ListenAddress(IPAddress.Loopback, 0));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(http, server, "kill", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(http, server, "pause", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(http, server, "kill", server.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.GetAsync(new Uri(server.Url, "api/kill"))).StatusCode);

        // The page's data: decimals as text, to the last digit.
        using JsonDocument history = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.Url, "api/history")));
        Assert.Equal("3.995", history.RootElement.GetProperty("snapshot").GetProperty("cash").GetString());
        Assert.Equal(3, history.RootElement.GetProperty("points").GetArrayLength());
        Assert.False(history.RootElement.GetProperty("live").GetBoolean());

        // The page and its library are served by the tool itself.
        Assert.Contains("uPlot", await http.GetStringAsync(new Uri(server.Url, "assets/uPlot.iife.min.js")), StringComparison.Ordinal);
        Assert.Contains("/assets/dashboard.js", await http.GetStringAsync(server.Url), StringComparison.Ordinal);
    }

    /// <summary>
    /// Run 1 finds a buy of 5 at 90 (a crashed run's), adopts the venue's 2 at 100 (the 3 gone leave at
    /// 100), decides at mid 100, sells 1 at 101 (fee 0.01), decides at 102; run 2 decides at 103, buys 1 at
    /// 102.5, decides at 104. Cash −450 + 101 − 0.01 − 102.5 = −451.51, adoption cost (2 − 5) × 100 = −300,
    /// position 2: PnL at 104 −451.51 + 300 + 208 = 56.49, as mm journal … pnl --json prints. Drawn from
    /// the executions alone, from flat, the page ended holding 5 with a PnL of 5 × 104 − 451.51 = 68.49.
    /// </summary>
    [Fact]
    public async Task PositionAndPnlFollowTheAdoptionsAndTheEarlierRunsAsMmJournalPnlDoes()
    {
        using var temp = new TempJournal();
        await Trading.Tests.Journal.JournalRuns.WriteAsync(temp.Path, Start, journal =>
        {
            journal.Fill(new VenueExecution("e0", "a-0", "o0", Side.Buy, 90m, 5m, 0m, true, Start + (Second / 2)), Start + (Second / 2));
            journal.Adoption(Start + (Second * 6 / 10), 2m);
            journal.AdoptionPrice(100m);
            journal.Decision(Start + Second, Start + Second, 1, 100, 2, 99.5, 100.5);
            journal.Fill(new VenueExecution("e1", "a-1", "o1", Side.Sell, 101m, 1m, 0.01m, true, Start + (2 * Second)), Start + (2 * Second));
            journal.Decision(Start + (3 * Second), Start + (3 * Second), 3, 102, 1, 101.5, 102.5);
        });
        await Trading.Tests.Journal.JournalRuns.WriteAsync(temp.Path, Start + (10 * Second), journal =>
        {
            journal.Decision(Start + (11 * Second), Start + (11 * Second), 1, 103, 1, 102.5, 103.5);
            journal.Fill(new VenueExecution("e2", "a-2", "o2", Side.Buy, 102.5m, 1m, 0m, true, Start + (12 * Second)), Start + (12 * Second));
            journal.Decision(Start + (13 * Second), Start + (13 * Second), 3, 104, 2, 103.5, 104.5);
        });

        using JsonDocument pnl = Trading.Tests.Journal.JournalRuns.Pnl(temp.Path);
        Assert.Equal((104m, 2m, 56.49m), (pnl.RootElement.GetProperty("mark").GetDecimal(), pnl.RootElement.GetProperty("position").GetDecimal(), pnl.RootElement.GetProperty("pnl").GetDecimal()));

        SessionSnapshot s = JournalSessionFeed.Load(temp.Path).Latest!;
        Assert.Equal((104.0, 2m), (s.Mid, s.Position));
        Assert.Equal(56.49, s.NetPnl, 9);
        Assert.Equal(3, s.Executions);
        (HistoryPoint[] points, MonitorFill[] fills, _, _) = JournalSessionFeed.Load(temp.Path).Recorded.Copy();
        Assert.Equal([2.0, 1.0, 1.0, 2.0, 2.0], points.Select(p => p.Position)); // four decisions and the end
        Assert.Equal([1L, 2L, 2L, 3L, 3L], points.Select(p => p.Fills));
        Assert.Equal(56.49, points[^1].Net, 9);
        Assert.Equal(3, fills.Length);
    }

    /// <summary>
    /// 2 adopted without a price between decisions at mid 98 and 100 are taken at 100, the first mid known
    /// after them, as mm journal … pnl --json counts them: with a sell of 1 at 101 (fee 0.01) marked at 102,
    /// 100.99 − 200 + 102 = 2.99 (the page took the mid known before them, 98: 6.99).
    /// </summary>
    [Fact]
    public async Task AnAdoptionWithoutAPriceIsTakenAtTheFirstMidKnownAfterItAsMmJournalPnlDoes()
    {
        using var temp = new TempJournal();
        await Trading.Tests.Journal.JournalRuns.WriteAsync(temp.Path, Start, journal => Trading.Tests.Journal.JournalRuns.AdoptTwoWithoutAPriceBetweenMids98And100(journal, Start));

        using JsonDocument pnl = Trading.Tests.Journal.JournalRuns.Pnl(temp.Path);
        Assert.Equal(2.99m, pnl.RootElement.GetProperty("pnl").GetDecimal());
        SessionSnapshot s = JournalSessionFeed.Load(temp.Path).Latest!;
        Assert.Equal((102.0, 1m), (s.Mid, s.Position));
        Assert.Equal(2.99, s.NetPnl, 9);
    }

    /// <summary>
    /// In a journal that holds no mid, 3 adopted without a price are taken at the first execution after them,
    /// 101, as mm journal … pnl --json counts them: a buy of 1 at 99, then sells of 1 at 101 and 1 at 103
    /// (fee 0.01 each) marked at 103, 104.97 − 202 + 103 = 5.97 (the page's PnL left them out, holding −1: 1.97).
    /// </summary>
    [Fact]
    public async Task AnAdoptionWithoutAPriceInAJournalWithoutAMidIsTakenAtTheFirstExecutionAfterItAsMmJournalPnlDoes()
    {
        using var temp = new TempJournal();
        await Trading.Tests.Journal.JournalRuns.WriteAsync(temp.Path, Start, journal => Trading.Tests.Journal.JournalRuns.AdoptThreeWithoutAPriceAndNoMid(journal, Start));

        using JsonDocument pnl = Trading.Tests.Journal.JournalRuns.Pnl(temp.Path);
        Assert.Equal(5.97m, pnl.RootElement.GetProperty("pnl").GetDecimal());
        SessionSnapshot s = JournalSessionFeed.Load(temp.Path).Latest!;
        Assert.Equal((103.0, 1m), (s.Mid, s.Position));
        Assert.Equal(5.97, s.NetPnl, 9);
        Assert.Equal(5.97, JournalSessionFeed.Load(temp.Path).Recorded.Copy().Points[^1].Net, 9);
    }

    /// <summary>
    /// 3 adopted without a price in a journal holding neither a mid nor an execution: the page leaves them out
    /// of its PnL, as mm journal … pnl does (PnL 0), and its event log says so (before: a silent 0).
    /// </summary>
    [Fact]
    public async Task AnAdoptionTheJournalCanPriceInNoWayIsLeftOutOfThePnlAndTheEventLogSaysSo()
    {
        using var temp = new TempJournal();
        await Trading.Tests.Journal.JournalRuns.WriteAsync(temp.Path, Start, journal => journal.Adoption(Start + Second, 3m));

        using JsonDocument pnl = Trading.Tests.Journal.JournalRuns.Pnl(temp.Path);
        Assert.Equal(0m, pnl.RootElement.GetProperty("pnl").GetDecimal());
        (_, _, MonitorEvent[] events, SessionSnapshot? s) = JournalSessionFeed.Load(temp.Path).Recorded.Copy();
        Assert.Equal((3m, 0.0), (s!.Position, s.NetPnl));
        MonitorEvent unpriced = Assert.Single(events, e => e.Kind == "unpriced-adoption");
        Assert.Equal("an adopted position of 3 is unpriced (the journal holds neither a mid nor an execution): left out of the PnL", unpriced.Detail);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, DashboardServer server, string action, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, "api/" + action));
        if (token is not null)
        {
            request.Headers.Add(ActionToken.Header, token);
        }

        return http.SendAsync(request);
    }
}
