using BenchmarkDotNet.Attributes;
using MarketMaking.Core.Orders;
using MarketMaking.Dashboard;
using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Benchmarks;

/// <summary>
/// What watching a session costs. <see cref="SessionPublish"/> is the session thread's share: one
/// fill and one event recorded, then the snapshot published (the session does this on its timer,
/// at most every 100 ms, never per market event). <see cref="ServerPoll"/> is the dashboard's share,
/// on its own thread: the snapshot appended to the history, the Prometheus figures updated and the
/// update serialized for the browsers.
/// </summary>
[MemoryDiagnoser]
public class MonitorBenchmarks
{
    private readonly SessionMonitor _monitor = new();
    private readonly DashboardHistory _history = new();
    private readonly DashboardMetrics _metrics = new();
    private readonly Feed _feed = new();
    private SessionSnapshot _snapshot = null!;
    private long _time;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < SessionMonitor.Recent; i++)
        {
            _monitor.Fill(i, i % 2 == 0 ? Side.Buy : Side.Sell, 100 + (0.01 * i), 0.001, 0.00001, true, 100);
            _monitor.Event(i, "reconciled", "start: 0 open orders, position 0");
        }

        _snapshot = new SessionSnapshot
        {
            Phase = "running",
            Quoting = true,
            Mid = 100,
            MarketBid = 99.99,
            MarketAsk = 100.01,
            OurBid = 99.98,
            OurAsk = 100.02,
            Requests = new Dictionary<string, long>(StringComparer.Ordinal) { ["create"] = 1000, ["amend"] = 0, ["cancel"] = 900, ["cancel_all"] = 1 },
        };
        _feed.Latest = _monitor.Latest;
    }

    [Benchmark]
    public long SessionPublish()
    {
        _time += 100_000_000;
        _monitor.Fill(_time, Side.Buy, 100, 0.001, 0.00001, true, 100);
        _monitor.Event(_time, "order-rejected", "venue:110007");
        _monitor.Publish(_snapshot with { Time = _time }, []);
        return _monitor.Latest!.Sequence;
    }

    [Benchmark]
    public int ServerPoll()
    {
        _time += 100_000_000;
        _monitor.Publish(_snapshot with { Time = _time }, []);
        SessionSnapshot latest = _monitor.Latest!;
        _feed.Latest = latest;
        DashboardUpdate? update = _history.Append(latest);
        _metrics.Update(_feed, latest, update, _time);
        return update is null ? 0 : DashboardJson.Serialize(update).Length;
    }

    private sealed class Feed : ISessionFeed
    {
        public bool IsLive => true;

        public SessionInfo? Info => null;

        public SessionSnapshot? Latest { get; set; }

        public DashboardHistory? Recorded => null;

        public long ReadLatencies(long from, ICollection<double> seconds) => from;

        public void PauseQuoting()
        {
        }

        public void ResumeQuoting()
        {
        }

        public void Kill(string reason)
        {
        }
    }
}
