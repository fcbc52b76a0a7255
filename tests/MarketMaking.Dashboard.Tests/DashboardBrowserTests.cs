using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using MarketMaking.Cli.Tests;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests;
using MarketMaking.Trading.Tests.Acceptance;
using MarketMaking.Venue;
using Microsoft.Playwright;

namespace MarketMaking.Dashboard.Tests;

/// <summary>
/// The dashboard as a person uses it, in headless Chromium: the local venue, a session quoting on it,
/// the live page; its figures change over two seconds; kill without the token is refused (nothing
/// changes); with the token every order of ours is cancelled on the venue and the session ends; then
/// the same page drawn from the journal shows mm journal's totals. Screenshots beside the tests.
/// </summary>
public sealed class DashboardBrowserTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task LiveChartsMoveKillNeedsTheTokenAndTheJournalPageShowsMmJournalsTotals()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        TradingSession session = Sessions.Touch(local, journal.Path, TimeSpan.FromSeconds(60));
        Task<SessionResult> running = session.RunAsync();
        SessionResult result;
        await using (DashboardServer server = await DashboardServer.StartAsync(new LiveSessionFeed(session), new ListenAddress(IPAddress.Loopback, 0)))
        {
            await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(20));
            using IPlaywright playwright = await Playwright.CreateAsync();
            await using IBrowser browser = await Launch(playwright);
            IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var problems = new List<string>();
            page.PageError += (_, message) => problems.Add(message);
            page.RequestFailed += (_, request) => problems.Add($"request {request.Url}");
            await page.GotoAsync(server.Url.AbsoluteUri);
            await page.WaitForSelectorAsync("body[data-ready=true]");

            // Every chart is a uPlot canvas with a real size.
            double[] widths = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.uplot canvas')].map(c => c.getBoundingClientRect().width)");
            Assert.True(widths.Length >= 8, $"{widths.Length} charts");
            Assert.All(widths, w => Assert.True(w > 250, $"a chart {w} px wide"));

            // Pushed at least four times a second: over two seconds, at least eight updates, and the clock moves.
            (int updates0, string time0) = (int.Parse(await page.InnerTextAsync("#updates"), CultureInfo.InvariantCulture), await page.InnerTextAsync("#now-time"));
            await Task.Delay(TimeSpan.FromSeconds(2));
            (int updates1, string time1) = (int.Parse(await page.InnerTextAsync("#updates"), CultureInfo.InvariantCulture), await page.InnerTextAsync("#now-time"));
            output.WriteLine($"updates {updates0} → {updates1}, time {time0} → {time1}");
            Assert.True(updates1 - updates0 >= 8, $"{updates1 - updates0} updates in 2 s");
            Assert.NotEqual(time0, time1);
            Assert.Equal("quoting", await page.InnerTextAsync("#chip-quoting"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-live.png"), FullPage = true });

            // Kill without the token: refused, and the session still quotes.
            await page.ClickAsync("#kill");
            await page.WaitForSelectorAsync("#action-result.refused");
            Assert.StartsWith("refused", await page.InnerTextAsync("#action-result"), StringComparison.Ordinal);
            using (var http = new HttpClient())
            {
                using var wrong = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, "api/kill")) { Headers = { { ActionToken.Header, "not-the-token" } } };
                Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrong)).StatusCode);
            }

            await Task.Delay(500);
            Assert.False(running.IsCompleted);
            await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(5)); // still quoting (between two quotes the book may hold none of ours)
            Assert.False(session.Monitor.Latest!.Killed);

            // With the token: the kill switch trips, every order of ours goes from the venue.
            await page.FillAsync("#token", server.Token);
            await page.ClickAsync("#kill");
            await page.WaitForSelectorAsync("#action-result.accepted");
            long flat = await LocalVenues.NoOrderOpenAsync(local, TimeSpan.FromSeconds(5));
            result = await running.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Empty((await local.StateAsync()).OpenOrders);
            Assert.Equal(0, result.OrdersOpenAtEnd);
            Assert.StartsWith("operator", result.KillReason, StringComparison.Ordinal);
            output.WriteLine($"kill → nothing open after {Stopwatch.GetElapsedTime(flat).TotalMilliseconds:F0} ms more; {result.Executions} executions");
            await page.WaitForSelectorAsync("#chip-kill.bad");
            Assert.Empty(problems);
        }

        await JournalPageShowsMmJournalsTotals(journal.Path, result);
    }

    private static async Task JournalPageShowsMmJournalsTotals(string journal, SessionResult result)
    {
        using JsonDocument summary = JsonDocument.Parse(Sessions.JournalSummary(journal));
        JsonElement expected = summary.RootElement;
        await using DashboardServer server = await DashboardServer.StartAsync(JournalSessionFeed.Load(journal), new ListenAddress(IPAddress.Loopback, 0));
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await Launch(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var problems = new List<string>();
        page.PageError += (_, message) => problems.Add(message);
        await page.GotoAsync(server.Url.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");

        Assert.Equal(expected.GetProperty("executions").GetInt32(), int.Parse(await page.InnerTextAsync("#total-executions"), CultureInfo.InvariantCulture));
        Assert.Equal(expected.GetProperty("position").GetDecimal(), Decimal(await page.InnerTextAsync("#total-position")));
        Assert.Equal(expected.GetProperty("cash").GetDecimal(), Decimal(await page.InnerTextAsync("#total-cash")));
        Assert.Equal(expected.GetProperty("fees").GetDecimal(), Decimal(await page.InnerTextAsync("#total-fees")));
        Assert.Equal(result.Executions, int.Parse(await page.InnerTextAsync("#total-executions"), CultureInfo.InvariantCulture));
        Assert.Contains("KILLED", await page.InnerTextAsync("#chip-kill"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#controls").IsHiddenAsync(), "a finished session has no actions");

        // Scrubbing back: the clock, the totals, the markouts and the risk table follow the scrubber.
        string end = await page.InnerTextAsync("#now-time");
        Assert.Equal(Math.Min(300, result.Executions), int.Parse(await page.GetAttributeAsync("#markout-summary", "data-fills") ?? "", CultureInfo.InvariantCulture));
        Assert.Equal("TRIPPED", await page.InnerTextAsync("#risk tbody tr:last-child td:nth-child(2)"));
        await page.EvalOnSelectorAsync("#scrubber", "s => { s.value = Math.floor(s.max / 3); s.dispatchEvent(new Event('input')); }");
        string earlier = await page.InnerTextAsync("#now-time");
        Assert.True(string.CompareOrdinal(earlier, end) < 0, $"{earlier} is not before {end}");
        int executionsThen = int.Parse(await page.InnerTextAsync("#total-executions"), CultureInfo.InvariantCulture);
        Assert.True(executionsThen <= result.Executions);
        Assert.Equal(Math.Min(300, executionsThen), int.Parse(await page.GetAttributeAsync("#markout-summary", "data-fills") ?? "", CultureInfo.InvariantCulture));
        Assert.Equal("armed", await page.InnerTextAsync("#risk tbody tr:last-child td:nth-child(2)")); // the operator's kill came at the end
        Assert.Equal(Math.Abs(Decimal(await page.InnerTextAsync("#total-position"))), Decimal(await page.InnerTextAsync("#risk tbody tr:first-child td:nth-child(2)")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-journal.png"), FullPage = true });
        Assert.Empty(problems);
    }

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static Task<IBrowser> Launch(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.Executable, Headless = true, Args = ["--no-sandbox"] });
}
