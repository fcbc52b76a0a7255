using BenchmarkDotNet.Running;
using MarketMaking.Benchmarks;

// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- tick-to-order [seconds] [--in-process] [--allocations] [--ws] [--keep-core-awake] [--venue-cpu N] [--stages]
if (args is ["tick-to-order", ..])
{
    int cpuAt = Array.IndexOf(args, "--venue-cpu");
    string? venueCpu = cpuAt > 0 && cpuAt + 1 < args.Length ? args[cpuAt + 1] : null;
    // Before the session's types load: the stamps' switch is read once.
    AppContext.SetSwitch(MarketMaking.Trading.Session.StageStamps.Switch, args.Contains("--stages"));
    string[] rest = [.. args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && i + 1 != cpuAt + 1)];
    await TickToOrder.RunAsync(rest.Length > 0 ? Positive<double>(rest[0], "the seconds") : 60, args.Contains("--in-process"), args.Contains("--allocations"), args.Contains("--ws"), args.Contains("--keep-core-awake"), venueCpu);
    return;
}

// taskset -c 0 dotnet bench/MarketMaking.Benchmarks/bin/Release/net10.0/MarketMaking.Benchmarks.dll cache-decay [KB ...] [--repetitions N]
if (args is ["cache-decay", ..])
{
    int repetitionsAt = Array.IndexOf(args, "--repetitions");
    int repetitions = repetitionsAt > 0 && repetitionsAt + 1 < args.Length ? Positive<int>(args[repetitionsAt + 1], "--repetitions") : 150;
    int[] sets = [.. args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && i + 1 != repetitionsAt + 1).Select(a => Positive<int>(a, "a working set (KB)"))];
    CacheDecay.Run(sets.Length > 0 ? sets : [32, 256], repetitions);
    return;
}

// taskset -c 0 dotnet bench/MarketMaking.Benchmarks/bin/Release/net10.0/MarketMaking.Benchmarks.dll hiccups [seconds]
if (args is ["hiccups", ..])
{
    Hiccups.Run(args.Length > 1 ? Positive<double>(args[1], "the seconds") : 20);
    return;
}

// taskset -c 0 dotnet bench/MarketMaking.Benchmarks/bin/Release/net10.0/MarketMaking.Benchmarks.dll decision-path [messages] [--quiet MS] [--evict KB] [--rehearse US] [--keep-core-awake]
if (args is ["decision-path", ..])
{
    int evictAt = Array.IndexOf(args, "--evict");
    int evictKb = evictAt > 0 && evictAt + 1 < args.Length ? Positive<int>(args[evictAt + 1], "--evict (KB)") : 0;
    int quietAt = Array.IndexOf(args, "--quiet");
    int quietMs = quietAt > 0 && quietAt + 1 < args.Length ? Positive<int>(args[quietAt + 1], "--quiet (ms)") : 8;
    int rehearseAt = Array.IndexOf(args, "--rehearse");
    int rehearseUs = rehearseAt > 0 && rehearseAt + 1 < args.Length ? Positive<int>(args[rehearseAt + 1], "--rehearse (µs)") : 0;
    string[] rest = [.. args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && i + 1 != evictAt + 1 && i + 1 != quietAt + 1 && i + 1 != rehearseAt + 1)];
    await PathCost.RunAsync(rest.Length > 0 ? Positive<int>(rest[0], "the messages") : 2_000, evictKb, quietMs, rehearseUs, args.Contains("--keep-core-awake"));
    return;
}

// The venue's own process for tick-to-order (started by it, not by hand).
if (args is ["venue-host"])
{
    await TickToOrder.HostVenueAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// A number the user gave: positive, or one line saying which and exit 2 (no stack trace for a typo).
static T Positive<T>(string text, string what)
    where T : System.Numerics.INumber<T>
{
    if (T.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out T? value) && value > T.Zero)
    {
        return value;
    }

    Console.Error.WriteLine($"bench: {what} must be a positive number, not '{text}'");
    Environment.Exit(2);
    return T.Zero;
}
