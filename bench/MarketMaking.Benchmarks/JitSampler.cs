using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace MarketMaking.Benchmarks;

/// <summary>
/// What the JIT compiles after the warm-up, from the runtime's own method-load events: each method
/// with its tier and when, so a run shows whether the decision path was still being optimized while
/// it was measured (a method runs a few times slower before tier 1, and a path called once per
/// decision needs about sixty decisions to get there: thirty calls at tier 0, thirty instrumented).
/// </summary>
internal sealed class JitSampler : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private const string ProjectNamespace = "MarketMaking.";
    private const int Tier1 = 4;

    // The runtime's OptimizationTier, in bits 7-9 of MethodFlags.
    private static readonly string[] Tiers = ["unknown", "min-opts", "optimized", "tier 0", "tier 1", "tier 1 (OSR)", "tier 0 instrumented", "tier 1 instrumented"];
    private readonly List<(double At, int Tier, string Name)> _compiled = [];
    private long _measuringFrom;

    /// <summary>Starts recording (compilations before this, during the warm-up, are left out).</summary>
    public void Start() => Volatile.Write(ref _measuringFrom, Stopwatch.GetTimestamp());

    /// <summary>Prints how many methods were compiled while the session was measured, the project's own by tier, and the project's last ones to reach tier 1.</summary>
    /// <param name="listed">How many of the project's tier-1 compilations to list.</param>
    /// <param name="measuredSeconds">How long the session was measured: what its end compiles (the last reconciliation) is left out.</param>
    public void Print(int listed, double measuredSeconds)
    {
        List<(double At, int Tier, string Name)> compiled;
        lock (_compiled)
        {
            compiled = [.. _compiled.Where(c => c.At <= measuredSeconds)];
        }

        var own = compiled.Where(c => c.Name.StartsWith(ProjectNamespace, StringComparison.Ordinal)).ToList();
        string byTier = string.Join(", ", own.GroupBy(c => c.Tier).OrderBy(g => g.Key).Select(g => $"{g.Count()} at {Tiers[g.Key]}"));
        Console.WriteLine($"  the JIT while measured: {compiled.Count:N0} methods compiled, {own.Count} of them the project's own ({(own.Count == 0 ? "none" : byTier)})");
        foreach ((double at, int tier, string name) in own.Where(c => c.Tier == Tier1).TakeLast(listed))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {at,7:F1} s  {Tiers[tier]}  {name}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        long from = Volatile.Read(ref _measuringFrom);
        if (from == 0 || eventData.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        int space = eventData.PayloadNames.IndexOf("MethodNamespace");
        int method = eventData.PayloadNames.IndexOf("MethodName");
        int flags = eventData.PayloadNames.IndexOf("MethodFlags");
        if (space < 0 || method < 0 || flags < 0)
        {
            return;
        }

        int tier = (int)((Convert.ToUInt32(eventData.Payload[flags], CultureInfo.InvariantCulture) >> 7) & 7);
        string name = $"{eventData.Payload[space]}::{eventData.Payload[method]}";
        lock (_compiled)
        {
            _compiled.Add((Stopwatch.GetElapsedTime(from).TotalSeconds, tier, name));
        }
    }
}
