using MarketMaking.Core.Metrics;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Tests.Backtests;

public sealed class BarBacktestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-bars-").FullName;

    /// <summary>
    /// Four 3-minute bars; a 20 bp fixed spread without skew around a mid of 1,000 quotes 999 / 1,001
    /// (one lot of 0.001 each):
    /// <code>
    /// t (s)  bar (O H L C)             fills                 cash      q      close  equity
    /// 0      1000 1002 998 1000        buy 999, sell 1001    +0.002    0      1000   0.002
    /// 180    1000 1000.5 999.5 1000    —                     +0.002    0      1000   0.002
    /// 360    1000 1000 998 998         buy 999               −0.997    0.001  998    0.001
    /// 540    998 998 998 998           — (quotes 997 / 999)  −0.997    0.001  998    0.001
    /// </code>
    /// </summary>
    private string FourBars()
    {
        string path = Path.Combine(_folder, "bars.csv");
        File.WriteAllLines(path,
        [
            "timestamp,open,high,low,close,volume",
            "2022-01-01 00:00:00,1000,1002,998,1000,1",
            "2022-01-01 00:03:00,1000,1000.5,999.5,1000,1",
            "2022-01-01 00:06:00,1000,1000,998,998,1",
            "2022-01-01 00:09:00,998,998,998,998,1",
        ]);
        return path;
    }

    [Fact]
    public void SharpeIsAnnualizedByTheBarsInAYearAndMarkoutsCountBars()
    {
        BarBacktest backtest = BarBacktest.Open(FourBars(), null, BarFiles.InstrumentOf("bars.csv"), new BarSettings());
        StrategySettings settings = backtest.Baseline() with { SkewFactor = 0 };
        Assert.Equal(0.001, settings.OrderQuantity);   // one lot per order
        RunMetrics m = backtest.Run(StrategyCatalog.Create("fixed", settings), backtest.Settings(settings)).Metrics;

        Assert.Equal(3, m.Fills);
        Assert.Equal(0.001, m.NetPnl, 12);

        // PnL per 3-minute bar: 0.002, 0, −0.001, 0. Mean 0.00025; squared deviations sum to
        // 4.75e-6, variance 4.75e-6 / 3; Sharpe 0.00025 / 0.0012583057 = 0.1986799.
        // A year around the clock holds 365 × 24 × 20 = 175,200 such bars: × 418.5690 = 83.1612.
        Assert.Equal(180, m.SamplePeriod);
        Assert.Equal(4, m.PnlPeriods);
        Assert.Equal(0.1986799, m.SharpePerPeriod, 6);
        Assert.Equal(83.1612, m.SharpeAnnualized, 3);

        // Markouts after 1, 5 and 30 bars: after one bar, the buy at 999 and the sell at 1,001 of
        // the first bar see its close of 1,000 (+1 each), the buy of the third bar its close of 998 (−1).
        Assert.Equal([180.0, 900, 5400], m.Markouts.Select(k => k.Horizon));
        Assert.Equal(1.0 / 3, m.Markouts[0].MeanPerUnit, 9);
        Assert.Equal(3, m.Markouts[0].Count);
        Assert.Equal(0, m.Markouts[1].Count);   // nothing is five bars old when the data ends
    }

    [Fact]
    public void ASweepPointIsTheBacktestOfItsSettings()
    {
        // Touch fills with probability 0.5: the sweep must draw the same fills as the backtest (same seed).
        var fills = new BarSettings { FillRule = BarFillRule.TouchWithProbability, TouchFillProbability = 0.5, SlippageBps = 1, Seed = 3 };
        BarBacktest backtest = BarBacktest.Open(FourBars(), null, BarFiles.InstrumentOf("bars.csv", makerFee: 0.0002), fills);
        BarSweep sweep = backtest.Sweep(backtest.Baseline(), s => StrategyCatalog.Create("fixed", s));
        foreach (SweepPoint point in ParameterSpace.Grid(["spread_bps=20,40", "skew_factor=0,1"]))
        {
            StrategySettings settings = TunableParameters.Apply(backtest.Baseline(), point.Values);
            RunMetrics m = backtest.Run(StrategyCatalog.Create("fixed", settings), backtest.Settings(settings)).Metrics;
            SweepResult scored = sweep.Evaluate(point);
            Assert.Equal((m.NetPnl, m.SharpePerPeriod, (double)m.Fills, m.MaxDrawdown, m.MeanAbsInventory), (scored.Pnl, scored.Sharpe, scored.Fills, scored.MaxDrawdown, scored.MeanAbsInventory));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
