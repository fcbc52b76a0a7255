using MarketMaking.Core.Accounting;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Data.Files;
using MarketMaking.Learning.Supervised;
using MarketMaking.Research.Judging;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Simulations;
using MarketMaking.Signals.Calibration;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Research.Tests.Judging;

public class DayJudgeTests
{
    private static readonly Lazy<ReplayEvents> Amzn = new(() =>
        ReplayEvents.Load(Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_AMZN_2012-06-21_5.zip"), "lobster", new MarketDataOptions()));

    [Fact]
    public void BlocksArePairedByHand()
    {
        // Block PnLs: AS 1, 2, 3; fixed 2, 4, 3: differences 1, 2, 0, mean 1, se √(1/3),
        // t(0.975, 2 df) = 4.3026527, so 1 ± 2.4841377. With λ = 0.5 and ∫q²dt of 0, 2, 0 for
        // fixed (long) and 0 for AS, the risk-adjusted differences are 1, 1, 0: mean 2/3, se 1/3.
        RunMetrics[] baseline = [Metrics(1, 0), Metrics(2, 0), Metrics(3, 0)];
        RunMetrics[] candidate = [Metrics(2, 0), Metrics(4, 2), Metrics(3, 0)];
        PairedComparison paired = PairedComparison.Of("as", baseline, "fixed", candidate, InventoryPenalty.Symmetric(0.5));

        Assert.Equal(("as", "fixed", 3), (paired.Baseline, paired.Candidate, paired.Pnl.Pairs));
        Assert.Equal(1, paired.Pnl.Mean, 12);
        Assert.Equal(-1.4841377, paired.Pnl.Lower, 6);
        Assert.Equal(3.4841377, paired.Pnl.Upper, 6);
        Assert.Equal(2.0 / 3, paired.RiskAdjustedPnl.Mean, 12);
        Assert.Equal(1.0 / 3, paired.RiskAdjustedPnl.StandardError, 12);
        Assert.Equal((2.0 / 3) - (4.3026527 / 3), paired.RiskAdjustedPnl.Lower, 6);
    }

    [SharedDataFact]
    public void TheCalibrationReadsNoAfternoonEvent()
    {
        ReplayEvents day = Amzn.Value;
        TradingDaySchedule schedule = DayJudge.Schedule(day, new DayJudgeSettings());
        CalibrationResult original = DayJudge.CalibrateMorning(day, schedule);

        // Every afternoon trade 50 ticks away and ten times as large: the morning does not see it.
        MarketEvent[] afternoon = day.ToArray();
        MarketEvent[] morning = day.ToArray();
        for (int i = 0; i < afternoon.Length; i++)
        {
            if (afternoon[i].Kind == MarketEventKind.Trade)
            {
                MarketEvent e = afternoon[i];
                (e.LocalTime >= schedule.Split ? afternoon : morning)[i] = e with { Price = e.Price + 50, Size = e.Size * 10 };
            }
        }

        CalibrationResult changedAfternoon = DayJudge.CalibrateMorning(ReplayEvents.Of(afternoon, day.Instrument), schedule);
        Assert.Equal((original.Sigma, original.A, original.Kappa), (changedAfternoon.Sigma, changedAfternoon.A, changedAfternoon.Kappa));

        // The same change in the morning does move it, so the check above could fail.
        CalibrationResult changedMorning = DayJudge.CalibrateMorning(ReplayEvents.Of(morning, day.Instrument), schedule);
        Assert.NotEqual((original.A, original.Kappa), (changedMorning.A, changedMorning.Kappa));
    }

    [SharedDataFact]
    public void AJudgedDayTradesOnlyInsideItsAfternoonBlocks()
    {
        ReplayEvents day = Amzn.Value;
        var settings = new DayJudgeSettings { Strategies = ["as", "glft", "as+guard"], Block = TimeSpan.FromHours(1), Replay = new ReplaySetup { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(1)) } };
        var steps = new List<string>();
        DayJudgement judged = DayJudge.Run(day, "AMZN", settings, steps.Add);
        Assert.Equal(DayJudge.Steps(settings), steps.Count);
        TradingDaySchedule schedule = judged.Schedule;

        Assert.Equal(4, schedule.Blocks.Count);
        Assert.Equal(DayJudge.CalibrateMorning(day, schedule).Sigma, judged.Calibration.Sigma);
        Assert.Equal(0.5 * 0.1 * judged.Calibration.Sigma.Value * judged.Calibration.Sigma.Value, judged.InventoryPenalty, 15);
        Assert.Equal(["as", "glft", "as+guard"], judged.Strategies.Select(s => s.Strategy));
        foreach (JudgedStrategy strategy in judged.Strategies)
        {
            Assert.Equal(schedule.Blocks.Select(b => b.Label), strategy.Blocks.Select(b => b.Block));
            Assert.Equal(strategy.Blocks.Sum(b => b.NetPnl), strategy.NetPnl, 9);
            Assert.True(strategy.Fills > 0, $"{strategy.Strategy} never filled");
            for (int i = 0; i < schedule.Blocks.Count; i++)
            {
                BlockResult block = strategy.Blocks[i];
                if (block.Fills > 0)
                {
                    Assert.InRange(block.FirstFill, schedule.Blocks[i].From, block.LastFill);
                    Assert.InRange(block.LastFill, block.FirstFill, schedule.Blocks[i].To - 1);
                }

                // The penalty only takes away, and only while inventory is held.
                Assert.True(block.RiskAdjustedPnl <= block.NetPnl);
                Assert.Equal(block.MeanAbsInventory == 0, block.RiskAdjustedPnl == block.NetPnl);
            }
        }

        // as − glft, as+guard − glft against glft; glft − as, as+guard − as against as: the block differences' mean.
        Assert.Equal(4, judged.Comparisons.Count);
        PairedComparison guardVsAs = Assert.Single(judged.Comparisons, c => c.Baseline == "as" && c.Candidate == "as+guard");
        double[] differences = [.. judged.Strategies[2].Blocks.Zip(judged.Strategies[0].Blocks, (g, a) => g.NetPnl - a.NetPnl)];
        Assert.Equal(differences.Average(), guardVsAs.Pnl.Mean, 9);

        // The detector: fitted on morning fills, tested on afternoon ones, the interval by Hanley–McNeil.
        DetectorJudgement detector = judged.Detector;
        Assert.True(detector.TrainFills > 0 && detector.Test.Count > 0);
        Assert.InRange(detector.TrainAdverse, 1, detector.TrainFills - 1);
        Assert.Equal(AucInterval.HanleyMcNeil(detector.Test.Auc, detector.Test.Positives, detector.Test.Count - detector.Test.Positives), detector.AucInterval);
    }

    private static RunMetrics Metrics(double pnl, double longSquaredTime) => new()
    {
        NetPnl = pnl,
        GrossPnl = pnl,
        FeesPaid = 0,
        RebatesReceived = 0,
        NetFees = 0,
        SharpePerPeriod = 0,
        SamplePeriod = 1,
        PnlPeriods = 0,
        SharpeAnnualized = 0,
        SortinoPerPeriod = 0,
        MaxDrawdown = 0,
        MaxDrawdownFraction = 0,
        OrdersSubmitted = 0,
        BuyOrdersSubmitted = 0,
        SellOrdersSubmitted = 0,
        Fills = 0,
        FillRate = 0,
        RoundTrips = default,
        WinRate = 0,
        EdgeEarned = 0,
        AverageEdge = 0,
        SpreadCaptureRatio = 0,
        AverageQuotedSpread = 0,
        Markouts = [],
        MeanAbsInventory = 0,
        MaxAbsInventory = 0,
        TimeAtLimitShare = 0,
        LongSquaredInventoryTime = longSquaredTime,
        ShortSquaredInventoryTime = 0,
        Turnover = 0,
        FinalInventory = 0,
    };
}
