// A replay backtest from C#, without the mm tool: Avellaneda–Stoikov and a fixed spread on a
// recorded Binance USD-M order book. σ, A and κ are calibrated on the first minute (never traded);
// our orders wait 5 ms to reach the book and sit in risk-averse shadow queues.
// Run from the repository: dotnet run --project examples/Backtest [-- FILE]
using MarketMaking.Core.Errors;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

string path = args.Length > 0 ? args[0] : "../shared/data/binance-usdm/btcusdt_20240808.gz";
if (!File.Exists(path))
{
    Console.Error.WriteLine($"data file not found: {path} (pass the path of a Binance USD-M L2 recording)");
    return 2;
}

try
{
    var setup = new ReplaySetup { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)), QueueModel = QueueModelSpec.RiskAverse };
    var backtest = ReplayBacktest.Open(path, "binance-usdm", setup);
    StrategySettings settings = backtest.Baseline() with { Gamma = 0.1, SpreadBps = 5 };
    Console.WriteLine($"calibration: {backtest.Session.CalibrationText()}");
    foreach (string strategy in new[] { "as", "fixed" })
    {
        RunResult run = backtest.Run(StrategyCatalog.Create(strategy, settings));
        Console.WriteLine($"{strategy,-6} net PnL {run.Metrics.NetPnl,9:F4}   fills {run.Metrics.Fills,6}   mean |q| {run.Metrics.MeanAbsInventory:F4}");
    }

    return 0;
}
catch (MarketMakingException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
