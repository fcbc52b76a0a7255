using BenchmarkDotNet.Running;
using MarketMaking.Benchmarks;

// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- tick-to-order [seconds] [--in-process] [--allocations] [--ws]
if (args is ["tick-to-order", ..])
{
    string[] rest = [.. args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
    await TickToOrder.RunAsync(rest.Length > 0 ? double.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 60, args.Contains("--in-process"), args.Contains("--allocations"), args.Contains("--ws"));
    return;
}

// The venue's own process for tick-to-order (started by it, not by hand).
if (args is ["venue-host"])
{
    await TickToOrder.HostVenueAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
