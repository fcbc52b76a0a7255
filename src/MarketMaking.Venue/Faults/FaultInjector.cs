using System.Globalization;
using System.Text;
using System.Text.Json;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Venue.Faults;

/// <summary>
/// Decides when the planned faults strike and counts and logs each one. Decisions are drawn from
/// the seed and the opportunity's own key (the n-th request of an endpoint, the n-th message of a
/// connection), never from a shared stream, so the same seed and the same requests give the same
/// faults whatever the timing. Random starts of timed faults come from one seeded stream per fault
/// (and per connection for drops). Each fault injected is one JSON line in the log
/// (<c>{"time":…,"fault":"skip_delta","detail":…}</c>) and one more in <see cref="Counts"/>. Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly FaultPlan _plan;
    private readonly ulong _seed;
    private readonly TextWriter? _log;
    private readonly Func<TimeSpan> _elapsed;
    private readonly long[] _counts = new long[FaultNames.All.Count];
    private readonly List<TimeSpan>[] _randomStarts = new List<TimeSpan>[FaultNames.All.Count];
    private readonly ScalarRandom[] _startStreams = new ScalarRandom[FaultNames.All.Count];
    private readonly Lock _gate = new();

    /// <param name="elapsed">Time since the venue started (schedules count from it).</param>
    public FaultInjector(FaultPlan plan, ulong seed, TextWriter? log, Func<TimeSpan> elapsed)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _seed = plan.Seed ?? seed;
        _log = log;
        _elapsed = elapsed ?? throw new ArgumentNullException(nameof(elapsed));
        for (int k = 0; k < _randomStarts.Length; k++)
        {
            _randomStarts[k] = [];
            _startStreams[k] = new ScalarRandom(_seed, 1_000 + k);
        }
    }

    /// <summary>A venue without faults.</summary>
    public static FaultInjector None { get; } = new(FaultPlan.None, 0, null, () => TimeSpan.Zero);

    public FaultPlan Plan => _plan;

    /// <summary>Faults injected so far, by YAML name (every fault, zero included).</summary>
    public IReadOnlyDictionary<string, long> Counts
    {
        get
        {
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            for (int k = 0; k < _counts.Length; k++)
            {
                counts[((FaultKind)k).Name()] = Interlocked.Read(ref _counts[k]);
            }

            return counts;
        }
    }

    public long Count(FaultKind kind) => Interlocked.Read(ref _counts[(int)kind]);

    public FaultRule? Rule(FaultKind kind) => _plan.Rule(kind);

    public bool IsOn(FaultKind kind) => _plan.Rule(kind) is not null;

    /// <summary>
    /// Whether a message or request fault strikes opportunity <paramref name="opportunity"/> of
    /// <paramref name="stream"/> (a connection, an endpoint): inside a scheduled window always,
    /// otherwise with the rule's probability, drawn from (seed, fault, stream, opportunity). Not counted: call <see cref="Record"/>.
    /// </summary>
    public bool Strikes(FaultKind kind, long stream, long opportunity)
    {
        if (_plan.Rule(kind) is not { } rule)
        {
            return false;
        }

        return rule.IsScheduled ? InSchedule(rule, _elapsed()) : Uniform(kind, stream, opportunity) < rule.Rate;
    }

    /// <summary>A uniform draw in [0, 1) for (seed, fault, stream, opportunity); the same key gives the same draw.</summary>
    public double Uniform(FaultKind kind, long stream, long opportunity)
    {
        ulong state = SplitMix64.StreamKey(_seed ^ (((ulong)kind + 1) * 0x9E3779B97F4A7C15UL), stream) ^ ((ulong)opportunity * 0xD6E8FEB86659FD93UL);
        return (SplitMix64.Next(ref state) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Whether a timed fault (market_data_pause, rate_limit_squeeze, clock_skew) is in force now.</summary>
    public bool InForce(FaultKind kind)
    {
        if (_plan.Rule(kind) is not { } rule)
        {
            return false;
        }

        TimeSpan now = _elapsed();
        if (rule.IsScheduled)
        {
            return InSchedule(rule, now);
        }

        lock (_gate)
        {
            List<TimeSpan> starts = _randomStarts[(int)kind];
            ref ScalarRandom stream = ref _startStreams[(int)kind];
            while (starts.Count == 0 || starts[^1] <= now)
            {
                TimeSpan last = starts.Count == 0 ? TimeSpan.Zero : starts[^1];
                starts.Add(last + TimeSpan.FromSeconds(stream.NextExponential(rule.Rate)));
            }

            for (int i = starts.Count - 2; i >= 0 && starts[i] > now - rule.Duration; i--)
            {
                if (starts[i] <= now)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// When (since the venue's start) a connection opened at <paramref name="opened"/> is to be cut:
    /// the next scheduled drop, or for a rate a draw from the connection's own stream; null for never.
    /// </summary>
    public TimeSpan? NextDrop(long connection, TimeSpan opened)
    {
        if (_plan.Rule(FaultKind.DropConnection) is not { } rule)
        {
            return null;
        }

        if (rule.IsScheduled)
        {
            TimeSpan? next = null;
            foreach (TimeSpan at in rule.At)
            {
                if (at > opened && (next is null || at < next))
                {
                    next = at;
                }
            }

            if (rule.Every > TimeSpan.Zero)
            {
                TimeSpan periodic = rule.Every * (Math.Floor(opened / rule.Every) + 1);
                next = next is null || periodic < next ? periodic : next;
            }

            return next;
        }

        var random = new ScalarRandom(_seed, 2_000_000 + connection);
        return opened + TimeSpan.FromSeconds(random.NextExponential(rule.Rate));
    }

    /// <summary>Counts one injected fault and writes its log line.</summary>
    public void Record(FaultKind kind, string detail)
    {
        Interlocked.Increment(ref _counts[(int)kind]);
        if (_log is null)
        {
            return;
        }

        string line = $"{{\"time\":\"{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}\",\"elapsed_s\":{_elapsed().TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)},\"fault\":\"{kind.Name()}\",\"detail\":\"{JsonEncodedText.Encode(detail)}\"}}";
        lock (_gate)
        {
            _log.WriteLine(line);
            _log.Flush();
        }
    }

    /// <summary>The totals as one JSON line: <c>{"faults":{"clock_skew":0,…}}</c>.</summary>
    public string Totals()
    {
        var text = new StringBuilder("{\"faults\":{");
        bool first = true;
        foreach ((string name, long count) in Counts)
        {
            text.Append(first ? "" : ",").Append('"').Append(name).Append("\":").Append(count.ToString(CultureInfo.InvariantCulture));
            first = false;
        }

        return text.Append("}}").ToString();
    }

    private static bool InSchedule(FaultRule rule, TimeSpan now)
    {
        foreach (TimeSpan at in rule.At)
        {
            if (now >= at && now < at + rule.Duration)
            {
                return true;
            }
        }

        if (rule.Every > TimeSpan.Zero && now >= rule.Every)
        {
            TimeSpan sinceStart = now - (rule.Every * Math.Floor(now / rule.Every));
            if (sinceStart < rule.Duration)
            {
                return true;
            }
        }

        return false;
    }
}
