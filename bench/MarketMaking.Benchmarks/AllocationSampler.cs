using System.Diagnostics.Tracing;
using System.Globalization;

namespace MarketMaking.Benchmarks;

/// <summary>
/// Which types this process allocates, sampled by the runtime's own allocation ticks (one event per
/// ~100 KB allocated, naming the type whose allocation crossed the mark), so a long run shows where
/// the collector's work comes from without a profiler attached.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _measuring;

    /// <summary>Starts counting (ticks before this, during warm-up, are left out).</summary>
    public void Start() => _measuring = true;

    /// <summary>The types with the most sampled bytes, largest first.</summary>
    public IEnumerable<string> Top(int count)
    {
        lock (_bytes)
        {
            long total = Math.Max(1, _bytes.Values.Sum());
            return [.. _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => string.Create(CultureInfo.InvariantCulture, $"{100.0 * p.Value / total,5:F1}%  {p.Key}"))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_measuring || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        int type = eventData.PayloadNames.IndexOf("TypeName");
        int amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (type < 0 || amount < 0)
        {
            return;
        }

        string name = eventData.Payload[type] as string ?? "?";
        long bytes = Convert.ToInt64(eventData.Payload[amount], CultureInfo.InvariantCulture);
        lock (_bytes)
        {
            _bytes[name] = _bytes.GetValueOrDefault(name) + bytes;
        }
    }
}
