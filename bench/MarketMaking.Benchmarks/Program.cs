using BenchmarkDotNet.Running;
using MarketMaking.Benchmarks;

// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- tick-to-order [seconds]
if (args is ["tick-to-order", ..])
{
    await TickToOrder.RunAsync(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
