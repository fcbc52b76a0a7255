using MarketMaking.Research.Simulations;
using MarketMaking.Signals.Calibration;

namespace MarketMaking.Research.Judging;

/// <summary>What <see cref="DayJudge"/> found on one trading day.</summary>
/// <param name="Data">The data file.</param>
/// <param name="Schedule">Morning, afternoon and blocks.</param>
/// <param name="Calibration">σ, A, κ in price units from the morning.</param>
/// <param name="InventoryPenalty">λ of the risk-adjusted score.</param>
/// <param name="Execution">Queues, latency and requote interval, in one line.</param>
/// <param name="Strategies">Each strategy's afternoon, block by block.</param>
/// <param name="Comparisons">Each strategy minus each baseline over the blocks (t, 95%).</param>
/// <param name="Detector">The detector's out-of-sample test.</param>
/// <param name="SpreadSamples">Morning samples the spread predictor was trained on (0 when it was not run).</param>
public sealed record DayJudgement(
    string Data,
    TradingDaySchedule Schedule,
    CalibrationResult Calibration,
    double InventoryPenalty,
    string Execution,
    IReadOnlyList<JudgedStrategy> Strategies,
    IReadOnlyList<PairedComparison> Comparisons,
    DetectorJudgement Detector,
    int SpreadSamples);
