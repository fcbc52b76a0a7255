using MarketMaking.Trading.Monitoring;

namespace MarketMaking.Dashboard;

/// <summary>
/// Everything the page draws since the session started (the last hour of points at most, the last
/// 20,000 fills and events): filled from the snapshots by the server's poller, read by the page when it
/// loads. Lives on the web side, never on the session's thread.
/// </summary>
public sealed class DashboardHistory
{
    /// <summary>An hour of points at ten a second.</summary>
    public const int MaxPoints = 36_000;

    public const int MaxItems = 20_000;

    private readonly Lock _lock = new();
    private readonly List<HistoryPoint> _points = [];
    private readonly List<MonitorFill> _fills = [];
    private readonly List<MonitorEvent> _events = [];
    private SessionSnapshot? _latest;

    public DashboardHistory()
    {
    }

    /// <summary>A finished history (a journal's).</summary>
    public DashboardHistory(IEnumerable<HistoryPoint> points, IEnumerable<MonitorFill> fills, IEnumerable<MonitorEvent> events, SessionSnapshot final)
    {
        _points.AddRange(points);
        _fills.AddRange(fills);
        _events.AddRange(events);
        _latest = final;
    }

    public SessionSnapshot? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    /// <summary>Adds a snapshot; returns what is new in it for the pushed update (null when it is not newer than the last).</summary>
    public DashboardUpdate? Append(SessionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            if (_latest is not null && snapshot.Sequence <= _latest.Sequence)
            {
                return null;
            }

            _latest = snapshot;
            var point = HistoryPoint.From(snapshot);
            Add(_points, point, MaxPoints);
            List<MonitorFill> fills = New(_fills, snapshot.RecentFills, f => f.Sequence);
            List<MonitorEvent> events = New(_events, snapshot.RecentEvents, e => e.Sequence);
            return new DashboardUpdate(snapshot with { RecentFills = [], RecentEvents = [] }, point, fills, events);
        }
    }

    /// <summary>A copy of everything, for the page's first load.</summary>
    public (HistoryPoint[] Points, MonitorFill[] Fills, MonitorEvent[] Events, SessionSnapshot? Latest) Copy()
    {
        lock (_lock)
        {
            return ([.. _points], [.. _fills], [.. _events], _latest is null ? null : _latest with { RecentFills = [], RecentEvents = [] });
        }
    }

    private static List<T> New<T>(List<T> all, IReadOnlyList<T> recent, Func<T, long> sequence)
    {
        long last = all.Count > 0 ? sequence(all[^1]) : 0;
        var added = new List<T>();
        foreach (T item in recent)
        {
            if (sequence(item) > last)
            {
                added.Add(item);
                Add(all, item, MaxItems);
            }
        }

        return added;
    }

    private static void Add<T>(List<T> list, T item, int max)
    {
        if (list.Count >= max)
        {
            list.RemoveRange(0, max / 10); // in blocks: not one shift per point
        }

        list.Add(item);
    }
}
