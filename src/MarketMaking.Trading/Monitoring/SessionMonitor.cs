namespace MarketMaking.Trading.Monitoring;

/// <summary>
/// The read-only window on a running session. The session's thread owns every field here and
/// publishes an immutable <see cref="SessionSnapshot"/> at most every 100 ms (on its timer, never
/// per market event); readers on other threads see only <see cref="Latest"/> and the tick-to-order
/// samples, so watching a session takes no lock and allocates nothing on the tick-to-order path.
/// </summary>
public sealed class SessionMonitor
{
    /// <summary>How many of the latest fills and events a snapshot carries.</summary>
    public const int Recent = 200;

    private const int RingSize = 8192;

    private static readonly double[] Bounds = [25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3];
    private static readonly long[] BoundsNanoseconds = [.. Bounds.Select(b => (long)Math.Round(b * 1e9))];

    // Raw tick-to-order samples (ns) in a ring: a reader copies what it has not seen yet (the /metrics histogram).
    private readonly long[] _ring = new long[RingSize];
    private readonly long[] _buckets = new long[BoundsNanoseconds.Length + 1];
    private readonly Queue<MonitorFill> _fills = new();
    private readonly Queue<MonitorEvent> _events = new();
    private readonly Dictionary<string, long> _rejects = new(StringComparer.Ordinal);
    private long _samples;
    private long _sumNanoseconds;
    private long _fillSequence;
    private long _eventSequence;
    private long _sequence;
    private bool _fillsChanged = true;
    private bool _eventsChanged = true;
    private MonitorFill[] _fillsCopy = [];
    private MonitorEvent[] _eventsCopy = [];
    private SessionInfo? _info;
    private SessionSnapshot? _latest;

    /// <summary>Upper bounds (seconds) of the tick-to-order histogram's buckets: 25 µs to 250 ms.</summary>
    public static IReadOnlyList<double> LatencyBounds => Bounds;

    /// <summary>The session's fixed facts; null until it has connected.</summary>
    public SessionInfo? Info => Volatile.Read(ref _info);

    /// <summary>The latest snapshot; null before the first.</summary>
    public SessionSnapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>Tick-to-order samples recorded so far.</summary>
    public long LatencySamples => Volatile.Read(ref _samples);

    /// <summary>
    /// Adds to <paramref name="seconds"/> the samples recorded from number <paramref name="from"/> on
    /// (only the latest 8,192 are kept) and returns the number to read from next time.
    /// </summary>
    public long ReadLatencies(long from, ICollection<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        long end = LatencySamples;
        for (long i = Math.Max(from, end - RingSize); i < end; i++)
        {
            seconds.Add(_ring[i & (RingSize - 1)] / 1e9);
        }

        return end;
    }

    internal void Start(SessionInfo info) => Volatile.Write(ref _info, info);

    internal void RecordLatency(long nanoseconds)
    {
        int bucket = 0;
        while (bucket < BoundsNanoseconds.Length && nanoseconds > BoundsNanoseconds[bucket])
        {
            bucket++;
        }

        _buckets[bucket]++;
        _sumNanoseconds += nanoseconds;
        _ring[_samples & (RingSize - 1)] = nanoseconds;
        Volatile.Write(ref _samples, _samples + 1);
    }

    internal void Fill(long time, Core.Orders.Side side, double price, double quantity, double fee, bool isMaker, double mid)
    {
        Keep(_fills, new MonitorFill(++_fillSequence, time, side, price, quantity, fee, isMaker, mid));
        _fillsChanged = true;
    }

    internal void Event(long time, string kind, string detail)
    {
        Keep(_events, new MonitorEvent(++_eventSequence, time, kind, detail));
        _eventsChanged = true;
    }

    internal void Reject(string reason) => _rejects[reason] = _rejects.GetValueOrDefault(reason) + 1;

    /// <summary>Completes <paramref name="snapshot"/> with the counters kept here and makes it the latest.</summary>
    internal void Publish(SessionSnapshot snapshot, IEnumerable<KeyValuePair<string, long>> riskRejects)
    {
        if (_fillsChanged)
        {
            _fillsCopy = [.. _fills];
            _fillsChanged = false;
        }

        if (_eventsChanged)
        {
            _eventsCopy = [.. _events];
            _eventsChanged = false;
        }

        var rejects = new Dictionary<string, long>(_rejects, StringComparer.Ordinal);
        foreach ((string reason, long count) in riskRejects)
        {
            rejects[reason] = count;
        }

        Volatile.Write(ref _latest, snapshot with
        {
            Sequence = ++_sequence,
            Rejects = rejects,
            LatencyBuckets = [.. _buckets],
            LatencyCount = _samples,
            LatencySumSeconds = _sumNanoseconds / 1e9,
            RecentFills = _fillsCopy,
            RecentEvents = _eventsCopy,
        });
    }

    private static void Keep<T>(Queue<T> queue, T item)
    {
        queue.Enqueue(item);
        if (queue.Count > Recent)
        {
            queue.Dequeue();
        }
    }
}
