using BenchmarkDotNet.Running;
using MarketMaking.Benchmarks;

// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- tick-to-order [seconds] [--warm-up S] [--in-process] [--allocations] [--ws] [--keep-core-awake] [--venue-cpu N] [--stages] [--jit]
if (args is ["tick-to-order", ..])
{
    string? venueCpu = Named(args, "--venue-cpu");
    double warmUp = Named(args, "--warm-up") is { } w ? Positive<double>(w, "--warm-up (s)") : TickToOrder.DefaultWarmUpSeconds;
    // Before the session's types load: the stamps' switch is read once.
    AppContext.SetSwitch(MarketMaking.Trading.Session.StageStamps.Switch, args.Contains("--stages"));
    string[] rest = Positional(args, "--venue-cpu", "--warm-up");
    await TickToOrder.RunAsync(rest.Length > 0 ? Positive<double>(rest[0], "the seconds") : 60, warmUp, args.Contains("--in-process"), args.Contains("--allocations"), args.Contains("--ws"), args.Contains("--keep-core-awake"), venueCpu, args.Contains("--jit"));
    return;
}

// taskset -c 0 dotnet bench/MarketMaking.Benchmarks/bin/Release/net10.0/MarketMaking.Benchmarks.dll cache-decay [KB ...] [--repetitions N]
if (args is ["cache-decay", ..])
{
    int repetitions = Named(args, "--repetitions") is { } r ? Positive<int>(r, "--repetitions") : 150;
    int[] sets = [.. Positional(args, "--repetitions").Select(a => Positive<int>(a, "a working set (KB)"))];
    CacheDecay.Run(sets.Length > 0 ? sets : [32, 256], repetitions);
    return;
}

// taskset -c 0 dotnet bench/MarketMaking.Benchmarks/bin/Release/net10.0/MarketMaking.Benchmarks.dll hiccups [seconds]
if (args is ["hiccups", ..])
{
    Hiccups.Run(args.Length > 1 ? Positive<double>(args[1], "the seconds") : 20);
    return;
}

// taskset -c 0 dotnet bench/MarketMaking.Benchmarks/bin/Release/net10.0/MarketMaking.Benchmarks.dll decision-path [messages] [--quiet MS] [--evict KB] [--rehearse US] [--kernel-entry] [--keep-core-awake]
if (args is ["decision-path", ..])
{
    int evictKb = Named(args, "--evict") is { } e ? Positive<int>(e, "--evict (KB)") : 0;
    int quietMs = Named(args, "--quiet") is { } q ? Positive<int>(q, "--quiet (ms)") : 8;
    int rehearseUs = Named(args, "--rehearse") is { } h ? Positive<int>(h, "--rehearse (µs)") : 0;
    string[] rest = Positional(args, "--evict", "--quiet", "--rehearse");
    await PathCost.RunAsync(rest.Length > 0 ? Positive<int>(rest[0], "the messages") : 2_000, evictKb, quietMs, rehearseUs, args.Contains("--keep-core-awake"), args.Contains("--kernel-entry"));
    return;
}

// The venue's own process for tick-to-order (started by it, not by hand).
if (args is ["venue-host"])
{
    await TickToOrder.HostVenueAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// The value after a named option, or null when it is not given.
static string? Named(string[] args, string name)
{
    int at = Array.IndexOf(args, name);
    return at > 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The arguments after the command that are neither options nor the value of one of the named ones.
static string[] Positional(string[] args, params string[] named) =>
    [.. args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && !named.Contains(args[i]))];

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
