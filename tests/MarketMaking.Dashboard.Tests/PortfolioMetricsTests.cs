using System.Net;
using MarketMaking.Core.Risk;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Portfolio;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests;
using MarketMaking.Trading.Tests.Acceptance;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Dashboard.Tests;

/// <summary>
/// /metrics at the portfolio dashboard's own address (the one a scrape config names): every
/// instrument's figures labelled by symbol, equal to that instrument's own /metrics, and the
/// portfolio's, in valid Prometheus text; live, and from the instruments' journals.
/// </summary>
public sealed class PortfolioMetricsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Symbols = ["AAAUSDT", "BBBUSDT"];

    [Fact]
    public async Task ThePortfolioAddressServesEveryInstrumentsMetricsBySymbolAndThePortfoliosTotals()
    {
        var market = new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 };
        await using LocalVenue local = await LocalVenue.StartAsync(
            [(Symbols[0], new AgentVenueMarket(market, 7)), (Symbols[1], new AgentVenueMarket(market, 8))],
            new VenueSettings { Speed = 10, InitialBalance = LocalVenues.InitialBalance });
        using var journal = new TempJournal();
        var risk = new PortfolioRisk(Symbols, new PortfolioRiskLimits { MaxGrossNotional = 5000 });
        var venues = Symbols.Select(_ => new BybitVenue(local.Environment, local.Credentials, TimeSpan.FromSeconds(5))).ToList();
        string[] journals = [.. Symbols.Select(s => Path.Combine(journal.Folder, $"journal-{s}.db"))];
        using var http = new HttpClient();
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
            PortfolioResult result;
            await using (PortfolioDashboard live = await PortfolioDashboard.StartAsync([.. sessions.Select((s, i) => (Symbols[i], (ISessionFeed)new LiveSessionFeed(s)))], risk.Limits, new ListenAddress(IPAddress.Loopback, 0)))
            {
                // While both quote, the portfolio's address says so for each (it answered 404).
                await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(30));
                PrometheusText.Exposition quoting = await ScrapeAsync(http, live.Url);
                for (int i = 0; i < 100 && Symbols.Any(s => Quoting(quoting, s) == 0); i++)
                {
                    await Task.Delay(100);
                    quoting = await ScrapeAsync(http, live.Url);
                }

                Assert.All(Symbols, s => Assert.Equal(1, Quoting(quoting, s)));
                await Task.Delay(TimeSpan.FromSeconds(4));
                run.RequestStop();
                result = await running.WaitAsync(TimeSpan.FromSeconds(30));
                foreach (DashboardServer server in live.Instruments)
                {
                    server.Poll(); // the final snapshots, published as the sessions ended
                }

                output.WriteLine(await http.GetStringAsync(new Uri(live.Url, "metrics")));
                PrometheusText.Exposition metrics = await ScrapeAsync(http, live.Url); // one TYPE per family, for both symbols
                Assert.All(metrics.Types.Keys, name => Assert.StartsWith("mm_", name, StringComparison.Ordinal));
                Assert.All(metrics.Types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key, StringComparison.Ordinal));
                for (int i = 0; i < Symbols.Length; i++)
                {
                    SessionResult r = result.Instruments[i];
                    (string, string) symbol = ("symbol", Symbols[i]);
                    Assert.Equal((double)r.Position, metrics.One("mm_position_base_currency", symbol));
                    Assert.Equal((double)r.Cash, metrics.One("mm_cash_quote_currency", symbol), 9);
                    Assert.Equal(JournalReader.CountFills(journals[i]), metrics.One("mm_journal_executions_total", symbol));
                    Assert.Equal(0, metrics.One("mm_open_orders", symbol));

                    // The instrument's own page serves the same figures, unlabelled.
                    PrometheusText.Exposition own = await ScrapeAsync(http, live.Instruments[i].Url);
                    foreach (string name in new[] { "mm_position_base_currency", "mm_cash_quote_currency", "mm_journal_executions_total", "mm_decisions_total" })
                    {
                        Assert.Equal(own.One(name), metrics.One(name, symbol));
                    }
                }

                // The portfolio's figures: the instruments' exposures and their sums, and the limit that is set (the one that is not, absent).
                double[] exposures = [.. Symbols.Select(s => metrics.One("mm_portfolio_exposure_quote_currency", ("symbol", s)))];
                Assert.Equal(exposures.Sum(), metrics.One("mm_portfolio_net_exposure_quote_currency"), 9);
                Assert.Equal(exposures.Sum(Math.Abs), metrics.One("mm_portfolio_gross_notional_quote_currency"), 9);
                Assert.Equal(Symbols.Sum(s => metrics.One("mm_pnl_quote_currency", ("symbol", s), ("part", "net"))), metrics.One("mm_portfolio_net_pnl_quote_currency"), 9);
                Assert.Equal(5000, metrics.One("mm_portfolio_max_gross_notional_quote_currency"));
                Assert.DoesNotContain(metrics.Samples, s => s.Name == "mm_portfolio_max_net_exposure_quote_currency");
            }

            // From the journals (mm dashboard A.db B.db): the journals' execution books.
            await using PortfolioDashboard recorded = await PortfolioDashboard.StartAsync([.. journals.Select(j => JournalSessionFeed.Load(j)).Select(f => (f.Info!.Symbol, (ISessionFeed)f))], null, new ListenAddress(IPAddress.Loopback, 0));
            PrometheusText.Exposition fromJournals = await ScrapeAsync(http, recorded.Url);
            for (int i = 0; i < Symbols.Length; i++)
            {
                Assert.Equal((double)result.Instruments[i].Position, fromJournals.One("mm_position_base_currency", ("symbol", Symbols[i])));
                Assert.Equal((double)result.Instruments[i].Cash, fromJournals.One("mm_cash_quote_currency", ("symbol", Symbols[i])), 9);
            }
        }
        finally
        {
            foreach (BybitVenue venue in venues)
            {
                await venue.DisposeAsync();
            }
        }
    }

    private static async Task<PrometheusText.Exposition> ScrapeAsync(HttpClient http, Uri page) => PrometheusText.Parse(await http.GetStringAsync(new Uri(page, "metrics")));

    private static double Quoting(PrometheusText.Exposition metrics, string symbol) =>
        metrics.Samples.FirstOrDefault(s => s.Name == "mm_quoting" && s.Labels.GetValueOrDefault("symbol") == symbol)?.Value ?? 0;
}
