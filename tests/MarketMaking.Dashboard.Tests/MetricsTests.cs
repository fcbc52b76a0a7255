using System.Net;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Monitoring;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Tests;
using MarketMaking.Trading.Tests.Acceptance;
using MarketMaking.Venue;

namespace MarketMaking.Dashboard.Tests;

/// <summary>/metrics after a session on the local venue: valid Prometheus text, named by the conventions, counters equal to the journal's.</summary>
public sealed class MetricsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task MetricsAreValidPrometheusTextAndAgreeWithTheJournal()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        TradingSession session = Sessions.Touch(local, journal.Path, TimeSpan.FromSeconds(60));
        Task<SessionResult> running = session.RunAsync();
        await using DashboardServer server = await DashboardServer.StartAsync(new LiveSessionFeed(session), new ListenAddress(IPAddress.Loopback, 0));
        await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(20));
        using var http = new HttpClient();
        // While it quotes, the gauges say so (within a few snapshots).
        double quoting = 0;
        for (int i = 0; i < 50 && quoting == 0; i++)
        {
            quoting = PrometheusText.Parse(await http.GetStringAsync(new Uri(server.Url, "metrics"))).One("mm_quoting");
            await Task.Delay(100);
        }

        Assert.Equal(1, quoting);
        await Task.Delay(TimeSpan.FromSeconds(6));
        session.RequestStop();
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(30));
        server.Poll(); // the final snapshot, published as the session ended

        string text = await http.GetStringAsync(new Uri(server.Url, "metrics"));
        PrometheusText.Exposition metrics = PrometheusText.Parse(text);
        output.WriteLine(text);

        // Conventions: the mm_ prefix, counters end in _total, units in the names.
        Assert.All(metrics.Types.Keys, name => Assert.StartsWith("mm_", name, StringComparison.Ordinal));
        Assert.All(metrics.Types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key, StringComparison.Ordinal));
        Assert.Equal("histogram", metrics.Types["mm_tick_to_order_latency_seconds"]);
        Assert.Contains("mm_position_base_currency", metrics.Types.Keys);
        Assert.Contains("mm_pnl_quote_currency", metrics.Types.Keys);

        // Counters against the journal.
        IReadOnlyList<JournalEvent> requests = JournalReader.Events(journal.Path, "request");
        int fills = JournalReader.CountFills(journal.Path);
        Assert.True(fills > 0, "the session traded");
        Assert.Equal(fills, metrics.Sum("mm_fills_total"));
        Assert.Equal(fills, metrics.One("mm_journal_executions_total"));
        Assert.Equal(result.Executions, fills);
        Assert.Equal(requests.Count(e => e.Detail.StartsWith("create", StringComparison.Ordinal)), metrics.One("mm_requests_total", ("endpoint", "create")));
        Assert.Equal(requests.Count(e => e.Detail == "cancel"), metrics.One("mm_requests_total", ("endpoint", "cancel")));
        Assert.Equal(requests.Count(e => e.Detail.StartsWith("cancel-all", StringComparison.Ordinal)), metrics.One("mm_requests_total", ("endpoint", "cancel_all")));
        Assert.Equal((double)result.Position, metrics.One("mm_position_base_currency"));
        Assert.Equal((double)result.Cash, metrics.One("mm_cash_quote_currency"), 9);
        Assert.Equal(0, metrics.One("mm_open_orders"));
        Assert.Equal(0, metrics.One("mm_kill_switch_engaged"));
        Assert.Equal(0, metrics.One("mm_quoting"));
        Assert.Equal(8, metrics.One("mm_request_rate_limit_per_second", ("endpoint", "create")));

        // The net PnL is its parts.
        double net = metrics.One("mm_pnl_quote_currency", ("part", "realized")) + metrics.One("mm_pnl_quote_currency", ("part", "unrealized"))
            - metrics.One("mm_pnl_quote_currency", ("part", "fees")) + metrics.One("mm_pnl_quote_currency", ("part", "rebates"));
        Assert.Equal(net, metrics.One("mm_pnl_quote_currency", ("part", "net")), 9);

        // The latency histogram: cumulative buckets in increasing bounds, +Inf = count = the session's samples.
        PrometheusText.Sample[] buckets = [.. metrics.Samples.Where(s => s.Name == "mm_tick_to_order_latency_seconds_bucket")];
        Assert.Equal(SessionMonitor.LatencyBounds.Count + 1, buckets.Length);
        double[] bounds = [.. buckets.Select(b => b.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(b.Labels["le"], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(bounds.Order(), bounds);
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
        double count = metrics.One("mm_tick_to_order_latency_seconds_count");
        Assert.Equal(buckets[^1].Value, count);
        Assert.Equal(session.Monitor.Latest!.LatencyCount, count);
        Assert.True(count > 0, "decisions sent orders");
        Assert.Equal(session.Monitor.Latest.LatencySumSeconds, metrics.One("mm_tick_to_order_latency_seconds_sum"), tolerance: 1e-9);
    }
}
