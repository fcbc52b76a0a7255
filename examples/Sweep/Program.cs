// A parameter sweep and a walk-forward test from C#, without the mm tool: a fixed spread over a
// month of 1-minute BTC bars, every point on the same bars, points in parallel; then tuned on
// each week and scored only on the day after it.
// Run from the repository: dotnet run --project examples/Sweep [-- FILE]
using MarketMaking.Core.Errors;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Bars;
using MarketMaking.Strategies;

string path = args.Length > 0 ? args[0] : "../shared/data/klines/btc-perp-20211231-20220201_1m.csv";
if (!File.Exists(path))
{
    Console.Error.WriteLine($"data file not found: {path} (pass the path of an OHLCV CSV of bars)");
    return 2;
}

try
{
    // The bars as mm backtest --bars reads them (tick 0.01, lot 0.001, fills when the price trades
    // through a quote, one lot per order), held in memory: a point scores what its backtest reports.
    BarBacktest backtest = BarBacktest.Open(path, null, BarFiles.InstrumentOf(path, "BTC"), new BarSettings());
    BarSweep sweep = backtest.Sweep(backtest.Baseline(), s => StrategyCatalog.Create("fixed", s));
    IReadOnlyList<SweepPoint> points = ParameterSpace.Grid([new ParameterAxis("spread_bps", [10, 20, 30]), new ParameterAxis("max_inventory", [5, 20])]);
    foreach (SweepResult r in Sweep.Run(sweep, points, SweepObjective.Pnl).OrderByDescending(r => r.Objective))
    {
        Console.WriteLine($"{r.Point.Key,-30} PnL {r.Pnl,8:F2}   Sharpe {r.Sharpe,7:F4}   fills {r.Fills,6}");
    }

    List<WalkForwardFold> folds = WalkForward.Run(sweep, TimeSpan.FromDays(7), TimeSpan.FromDays(1), points, SweepObjective.Pnl);
    Console.WriteLine($"walk-forward, tuned on 7 days, scored on the next: {folds.Count} folds, out of sample {folds.Sum(f => f.OutOfSample):F2} in total");
    return 0;
}
catch (MarketMakingException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
