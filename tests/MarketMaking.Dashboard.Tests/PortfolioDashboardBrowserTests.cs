using System.Globalization;
using System.Net;
using MarketMaking.Cli.Tests;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Portfolio;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests;
using MarketMaking.Trading.Tests.Acceptance;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;
using Microsoft.Playwright;

namespace MarketMaking.Dashboard.Tests;

/// <summary>
/// The dashboard of a two-instrument session in headless Chromium: a tab per instrument (its own
/// page, live), and a portfolio tab whose totals are the sums of its rows, with the limits, and whose
/// kill (with the token only) stops every instrument; then the same from the two journals. Screenshots beside the tests.
/// </summary>
public sealed class PortfolioDashboardBrowserTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["AAAUSDT", "BBBUSDT"];

    [ChromiumFact]
    public async Task ATabPerInstrumentAndPortfolioTotalsThatAreTheInstrumentsSumsLiveAndFromTheJournals()
    {
        var market = new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 };
        await using LocalVenue local = await LocalVenue.StartAsync(
            [(Symbols[0], new AgentVenueMarket(market, 7)), (Symbols[1], new AgentVenueMarket(market, 8))],
            new VenueSettings { Speed = 10, InitialBalance = LocalVenues.InitialBalance });
        using var journal = new TempJournal();
        var risk = new PortfolioRisk(Symbols, new PortfolioRiskLimits { MaxGrossNotional = 1000, MaxNetExposure = 600 });
        var venues = Symbols.Select(_ => new BybitVenue(local.Environment, local.Credentials, TimeSpan.FromSeconds(5))).ToList();
        string[] journals = [.. Symbols.Select(s => Path.Combine(journal.Folder, $"journal-{s}.db"))];
        try
        {
            var sessions = Symbols.Select((symbol, i) => new TradingSession(venues[i], new SessionSettings
            {
                Symbol = symbol,
                StrategyName = "touch",
                JournalPath = journals[i],
                Duration = TimeSpan.FromSeconds(60),
                RateLimits = SessionSettings.DefaultRateLimits.ToDictionary(l => l.Key, l => Math.Max(1, l.Value / 2)),
                Portfolio = risk.Seat(i),
            }, _ => new TouchStrategy(1))).ToList();
            var run = new PortfolioSession(sessions, risk);
            Task<PortfolioResult> running = run.RunAsync();
            using IPlaywright playwright = await Playwright.CreateAsync();
            await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.Executable, Headless = true, Args = ["--no-sandbox"] });
            await using (PortfolioDashboard live = await PortfolioDashboard.StartAsync([.. sessions.Select((s, i) => (Symbols[i], (ISessionFeed)new LiveSessionFeed(s)))], risk.Limits, new ListenAddress(IPAddress.Loopback, 0)))
            {
                await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromSeconds(3)); // some fills on both books
                IPage page = await OpenAsync(browser, live.Url);
                Assert.Equal(["Portfolio", .. Symbols], await page.Locator("#tabs .tab").AllInnerTextsAsync());
                await AssertTotalsAreSumsAsync(page, limits: 2 + Symbols.Length);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-portfolio.png"), FullPage = true });

                // An instrument's tab is its own live page.
                await page.ClickAsync($"#tabs .tab[data-tab={Symbols[1]}]");
                ILocator frame = page.FrameLocator($"iframe[data-tab={Symbols[1]}]").Locator("body[data-ready=true]");
                await frame.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
                Assert.Contains(Symbols[1], await page.FrameLocator($"iframe[data-tab={Symbols[1]}]").Locator("#title").InnerTextAsync(), StringComparison.Ordinal);
                Assert.True(await page.Locator("#view-portfolio").IsHiddenAsync());
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "dashboard-portfolio-tab.png") });

                // Kill all from the portfolio tab: refused without the token; with it, every instrument's session stops with nothing left open.
                await page.ClickAsync("#tabs .tab[data-tab=portfolio]");
                await page.ClickAsync("#kill");
                await page.WaitForSelectorAsync("#action-result.refused");
                Assert.False(running.IsCompleted);
                await page.FillAsync("#token", live.Token);
                await page.ClickAsync("#kill");
                await page.WaitForSelectorAsync("#action-result.accepted");
                Assert.Equal($"kill switch tripped on all {Symbols.Length} instruments: every order is being cancelled and the sessions end", await page.Locator("#action-result").InnerTextAsync());
            }

            PortfolioResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine(PortfolioJson.Final(result));
            Assert.All(result.Instruments, r => Assert.Equal(("operator: kill from the dashboard", 0), (r.KillReason, r.OrdersOpenAtEnd)));

            // From the journals: the same tabs, totals the rows' sums, each row the journal's net PnL; no limits kept.
            await using PortfolioDashboard recorded = await PortfolioDashboard.StartAsync([.. journals.Select(j => JournalSessionFeed.Load(j)).Select(f => (f.Info!.Symbol, (ISessionFeed)f))], null, new ListenAddress(IPAddress.Loopback, 0));
            IPage journalPage = await OpenAsync(browser, recorded.Url);
            Assert.Equal(["Portfolio", .. Symbols], await journalPage.Locator("#tabs .tab").AllInnerTextsAsync());
            await AssertTotalsAreSumsAsync(journalPage, limits: 0);
            PortfolioView view = recorded.View();
            Assert.Equal(view.Instruments.Sum(i => i.NetPnl), view.NetPnl, 9);
            Assert.Equal(view.Instruments.Sum(i => Math.Abs(i.Notional)), view.GrossNotional, 9);
        }
        finally
        {
            foreach (BybitVenue venue in venues)
            {
                await venue.DisposeAsync();
            }
        }
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri url)
    {
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await page.GotoAsync(url.AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }

    /// <summary>The page's totals equal the sums of its rows (to the rows' rounding), read from one render.</summary>
    private static async Task AssertTotalsAreSumsAsync(IPage page, int limits)
    {
        var figures = await page.EvaluateAsync<double[][]>("""
            () => {
              const rows = [...document.querySelectorAll('#instruments tbody tr')];
              const n = s => Number(document.querySelector(s).textContent);
              return [rows.map(r => Number(r.querySelector('.notional').textContent)), rows.map(r => Number(r.querySelector('.pnl').textContent)),
                rows.map(r => Math.abs(Number(r.querySelector('.notional').textContent))), [n('#total-notional'), n('#total-pnl'), n('#total-gross')],
                [document.querySelectorAll('#limits tbody tr').length]];
            }
            """);
        Assert.Equal(Symbols.Length, figures[0].Length);
        Assert.Equal(figures[0].Sum(), figures[3][0], 0.005 * Symbols.Length + 1e-9);
        Assert.Equal(figures[1].Sum(), figures[3][1], 0.00005 * Symbols.Length + 1e-9);
        Assert.Equal(figures[2].Sum(), figures[3][2], 0.005 * Symbols.Length + 1e-9);
        Assert.Equal(limits, (int)figures[4][0]);
        Assert.True(figures[3].All(double.IsFinite), string.Join(", ", figures[3].Select(x => x.ToString(CultureInfo.InvariantCulture))));
    }
}
