using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Tests.Metrics;

public class MetricsCollectorTests
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Six marks one time unit apart and three fills:
    /// <code>
    /// t  event                                           cash      pos  mid    equity
    /// 0  quote bid + ask                                 0         0    100    0
    /// 1  buy 2 @ 99, fee 0.02, mid 100, spread 2         −198.02   2    100    1.98
    /// 2  quote bid                                       −198.02   2    99.2   0.38
    /// 3  sell 1 @ 100, rebate 0.01, mid 99.5, one-sided  −98.01    1    99.5   1.49
    /// 4  quote ask; sell 1 @ 101, fee 0.01, mid 99.8, spread 2  2.98  0  99.8   2.98
    /// 5  —                                               2.98      0    100.5  2.98
    /// </code>
    /// </summary>
    private static RunMetrics WorkedExample(double samplePeriod = 1)
    {
        var options = new MetricsOptions
        {
            MarkoutHorizons = [1, 10],
            InventoryLimit = 2,
            SamplePeriod = samplePeriod,
            TimeUnitsPerYear = 4,
            InitialCapital = 100,
        };
        var collector = new MetricsCollector(options);
        var ledger = new Ledger();

        void Mark(double time, double mid) => collector.OnMark(time, mid, ledger.Equity(mid), ledger.Position);

        void Execute(in Fill fill, double quotedSpread)
        {
            ledger.Apply(fill);
            collector.OnFill(fill, quotedSpread);
        }

        collector.OnOrderSubmitted(Side.Buy);
        collector.OnOrderSubmitted(Side.Sell);
        Mark(0, 100);
        Execute(new Fill(1, 1, Side.Buy, 99, 2, 0.02, true, 100), quotedSpread: 2);
        Mark(1, 100);
        collector.OnOrderSubmitted(Side.Buy);
        Mark(2, 99.2);
        Execute(new Fill(3, 2, Side.Sell, 100, 1, -0.01, true, 99.5), quotedSpread: double.NaN);
        Mark(3, 99.5);
        collector.OnOrderSubmitted(Side.Sell);
        Execute(new Fill(4, 3, Side.Sell, 101, 1, 0.01, true, 99.8), quotedSpread: 2);
        Mark(4, 99.8);
        Mark(5, 100.5);
        return collector.Finish(ledger, finalMid: 100.5);
    }

    [Fact]
    public void PnlAndFeesOfWorkedExample()
    {
        RunMetrics metrics = WorkedExample();

        // Flat at the end: equity = cash = 2.98. FIFO: 1@99 out at 100 (+1), 1@99 out at 101 (+2): gross 3.
        Assert.Equal(2.98, metrics.NetPnl, Tolerance);
        Assert.Equal(3.0, metrics.GrossPnl, Tolerance);
        // Fees paid 0.02 + 0.01 = 0.03, rebate 0.01, net 0.02.
        Assert.Equal(0.03, metrics.FeesPaid, Tolerance);
        Assert.Equal(0.01, metrics.RebatesReceived, Tolerance);
        Assert.Equal(0.02, metrics.NetFees, Tolerance);
        Assert.Equal(2, metrics.RoundTrips.Count);
        Assert.Equal(3.0, metrics.RoundTrips.GrossPnl, Tolerance);
        Assert.Equal(1.0, metrics.WinRate);
        // Turnover 2 + 1 + 1.
        Assert.Equal(4, metrics.Turnover, Tolerance);
        Assert.Equal(0, metrics.FinalInventory);
    }

    [Fact]
    public void AnnualizationCountsPeriodsOfTheSampleLength()
    {
        RunMetrics metrics = WorkedExample(samplePeriod: 2);

        // Periods of 2 time units end at t = 2 (equity 0.38) and t = 4 (2.98): PnL 0.38 and 2.60
        // (t = 5 closes no period). Mean 1.49, std |2.60 − 0.38| / √2 = 1.5697770542;
        // Sharpe 0.9491854; 4 time units a year hold 2 such periods: annualized 0.9491854 × √2 = 1.3423.
        Assert.Equal(2, metrics.PnlPeriods);
        Assert.Equal(1.49 / (2.22 / Math.Sqrt(2)), metrics.SharpePerPeriod, Tolerance);
        Assert.Equal(1.3423423, metrics.SharpeAnnualized, 6);
    }

    [Fact]
    public void RiskRatiosOfWorkedExample()
    {
        RunMetrics metrics = WorkedExample();

        // Period PnL (period 1): 1.98, 0.38 − 1.98 = −1.60, 1.49 − 0.38 = 1.11, 2.98 − 1.49 = 1.49, 0.
        // Mean 2.98 / 5 = 0.596; deviations 1.384, −2.196, 0.514, 0.894, −0.596;
        // squares 1.915456 + 4.822416 + 0.264196 + 0.799236 + 0.355216 = 8.15652; variance 8.15652 / 4 = 2.03913.
        double sharpe = 0.596 / Math.Sqrt(2.03913);
        Assert.Equal(5, metrics.PnlPeriods);
        Assert.Equal(1, metrics.SamplePeriod);
        Assert.Equal(sharpe, metrics.SharpePerPeriod, Tolerance);
        Assert.Equal(PerformanceStatistics.SharpeRatio([1.98, -1.60, 1.11, 1.49, 0]), metrics.SharpePerPeriod, Tolerance);
        // 4 time units a year, periods of 1: √4 periods per year.
        Assert.Equal(2 * sharpe, metrics.SharpeAnnualized, Tolerance);
        // Downside deviation √(1.6² / 5) = √0.512.
        Assert.Equal(0.596 / Math.Sqrt(0.512), metrics.SortinoPerPeriod, Tolerance);
        // Equity 0, 1.98, 0.38, 1.49, 2.98, 2.98: largest fall 1.98 → 0.38 = 1.6, over 100 + 1.98.
        Assert.Equal(1.6, metrics.MaxDrawdown, Tolerance);
        Assert.Equal(1.6 / 101.98, metrics.MaxDrawdownFraction, Tolerance);
    }

    [Fact]
    public void ExecutionQualityOfWorkedExample()
    {
        RunMetrics metrics = WorkedExample();

        // Orders: buy, sell at 0; buy at 2; sell at 4. Fill rate 3 / 4.
        Assert.Equal(4, metrics.OrdersSubmitted);
        Assert.Equal(2, metrics.BuyOrdersSubmitted);
        Assert.Equal(2, metrics.SellOrdersSubmitted);
        Assert.Equal(3, metrics.Fills);
        Assert.Equal(0.75, metrics.FillRate, Tolerance);
        // Edges: (100 − 99)·2 = 2, (100 − 99.5)·1 = 0.5, (101 − 99.8)·1 = 1.2; 3.7 over 4 units.
        Assert.Equal(0.925, metrics.AverageEdge, Tolerance);
        Assert.Equal(3.7, metrics.EdgeEarned, Tolerance);
        // Two-sided fills only: (2 + 1.2) / ((2/2)·2 + (2/2)·1) = 3.2 / 3.
        Assert.Equal(3.2 / 3, metrics.SpreadCaptureRatio, Tolerance);
    }

    [Fact]
    public void MarkoutsOfWorkedExample()
    {
        RunMetrics metrics = WorkedExample();

        // h = 1: buy at 1 sees 99.2 at 2: (99.2 − 99)·2 = 0.4; sell at 3 sees 99.8 at 4: −(99.8 − 100) = 0.2;
        //        sell at 4 sees 100.5 at 5: −(100.5 − 101) = 0.5. Total 1.1 over 4 units.
        MarkoutResult oneStep = metrics.Markouts[0];
        Assert.Equal(3, oneStep.Count);
        Assert.Equal(0, oneStep.Unresolved);
        Assert.Equal(1.1, oneStep.Total, Tolerance);
        Assert.Equal(0.275, oneStep.MeanPerUnit, Tolerance);
        // h = 10 lies beyond the last mark at 5.
        Assert.Equal(3, metrics.Markouts[1].Unresolved);
    }

    [Fact]
    public void InventoryOfWorkedExample()
    {
        RunMetrics metrics = WorkedExample();

        // |q| held over [0,1) 0, [1,2) 2, [2,3) 2, [3,4) 1, [4,5) 0: (0 + 2 + 2 + 1 + 0) / 5 = 1.
        Assert.Equal(1, metrics.MeanAbsInventory, Tolerance);
        Assert.Equal(2, metrics.MaxAbsInventory);
        // At the limit of 2 over [1,3): 2 / 5.
        Assert.Equal(0.4, metrics.TimeAtLimitShare, Tolerance);
    }

    [Fact]
    public void BoundariesSkippedBetweenMarksAreZeroPnlPeriods()
    {
        var collector = new MetricsCollector(new MetricsOptions { SamplePeriod = 2 });
        collector.OnMark(0, 100, 0, 0);
        collector.OnMark(1, 100, 5, 0);
        collector.OnMark(2.5, 100, 3, 0);
        collector.OnMark(7, 100, 4, 0);

        RunMetrics metrics = collector.Finish(new Ledger(), 100);

        // Boundary 2 first reached at 2.5: 3 − 0 = 3. Boundaries 4 and 6 both first reached at 7: 4 − 3 = 1, then 0.
        // [3, 1, 0]: mean 4/3; deviations 5/3, −1/3, −4/3; variance (25 + 1 + 16)/9 / 2 = 7/3.
        Assert.Equal(3, metrics.PnlPeriods);
        Assert.Equal(4.0 / 3 / Math.Sqrt(7.0 / 3), metrics.SharpePerPeriod, Tolerance);
        // No losing period: no downside.
        Assert.True(double.IsNaN(metrics.SortinoPerPeriod));
    }

    [Fact]
    public void RoundOffInAccumulatedTimeDoesNotShiftSamples()
    {
        var collector = new MetricsCollector(new MetricsOptions { SamplePeriod = 0.1 });
        double time = 0;
        double equity = 0;
        collector.OnMark(time, 100, equity, 0);
        for (int step = 1; step <= 10; step++)
        {
            // 0.1 summed: 0.6, 0.7, 0.7999999999999999, … would fall short of boundaries without tolerance.
            time += 0.1;
            equity += step % 2 == 1 ? 1 : 2;
            collector.OnMark(time, 100, equity, 0);
        }

        RunMetrics metrics = collector.Finish(new Ledger(), 100);

        // One period per step, PnL 1, 2, 1, 2, …: mean 1.5, variance 10·0.25 / 9, Sharpe 1.5 / √(2.5/9).
        Assert.Equal(10, metrics.PnlPeriods);
        Assert.Equal(1.5 / Math.Sqrt(2.5 / 9), metrics.SharpePerPeriod, Tolerance);
    }

    [Fact]
    public void FiguresWithoutDataAreNaN()
    {
        var collector = new MetricsCollector(new MetricsOptions());
        collector.OnMark(0, 100, 0, 3);
        collector.OnMark(1, 100, 0, 3);
        collector.OnMark(2, 100, -1, 3);
        collector.OnMark(3, 100, 0.5, 3);

        RunMetrics metrics = collector.Finish(new Ledger(), 100);

        // Period PnL [0, −1, 1.5] has a Sharpe ratio, but periods per year are unknown.
        Assert.Equal(PerformanceStatistics.SharpeRatio([0, -1, 1.5]), metrics.SharpePerPeriod, Tolerance);
        Assert.True(double.IsNaN(metrics.SharpeAnnualized));
        // Drawdown 0 → −1 is 1, but no capital to divide by.
        Assert.Equal(1, metrics.MaxDrawdown, Tolerance);
        Assert.True(double.IsNaN(metrics.MaxDrawdownFraction));
        // No inventory limit: never at it.
        Assert.Equal(0, metrics.TimeAtLimitShare);
        Assert.Equal(3, metrics.MeanAbsInventory, Tolerance);
        Assert.True(double.IsNaN(metrics.FillRate));
        Assert.True(double.IsNaN(metrics.AverageEdge));
        Assert.True(double.IsNaN(metrics.SpreadCaptureRatio));
        Assert.True(double.IsNaN(metrics.WinRate));
        Assert.Empty(metrics.Markouts);
    }

    [Fact]
    public void RejectsMarkGoingBackInTime()
    {
        var collector = new MetricsCollector(new MetricsOptions());
        collector.OnMark(5, 100, 0, 0);

        Assert.Throws<ArgumentException>(() => collector.OnMark(4, 100, 0, 0));
    }

    [Fact]
    public void StreamingDoesNotAllocateInSteadyState()
    {
        var collector = new MetricsCollector(new MetricsOptions { MarkoutHorizons = [1, 5], InventoryLimit = 3, SamplePeriod = 2 });
        var ledger = new Ledger();
        void Step(int i)
        {
            var fill = new Fill(i, i, (i & 1) == 0 ? Side.Buy : Side.Sell, 100, 1, 0.01, true, 100.5);
            ledger.Apply(fill);
            collector.OnOrderSubmitted(fill.Side);
            collector.OnFill(fill, 1);
            collector.OnMark(i + 0.5, 100 + (i % 3), ledger.Equity(100), ledger.Position);
        }

        int fills = 0;
        long allocated = SteadyState.AllocatedBytes(() =>
        {
            for (int end = fills + 10_000; fills < end; fills++)
            {
                Step(fills);
            }
        });

        Assert.Equal(0, allocated);
        // Alternating buy/sell of 1 at 100 with fee 0.01 → flat at the end (an even number of fills), each
        // fill paying 0.01, half as many round trips of 0 PnL.
        RunMetrics metrics = collector.Finish(ledger, 100);
        Assert.Equal(-0.01 * fills, metrics.NetPnl, Tolerance);
        Assert.Equal(fills / 2, metrics.RoundTrips.Count);
    }
}
