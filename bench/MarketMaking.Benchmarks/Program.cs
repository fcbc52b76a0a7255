using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MarketMaking.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
