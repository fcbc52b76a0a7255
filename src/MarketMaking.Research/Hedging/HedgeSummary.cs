using MarketMaking.Core.Metrics;
using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Research.Hedging;

/// <summary>
/// What a hedged replay did, per leg and for the portfolio (the hedge figures summed over every
/// hedge instrument, and per instrument in <see cref="Legs"/>). The hedge leg's PnL splits exactly into
/// inventory PnL Σ s·Q·(P₂,end − P₂ at decision) minus the spread, slippage, delay costs and fees of
/// its hedges. Hedged against unhedged (the quoted leg alone, which is what <c>--hedge none</c> trades:
/// the hedge never changes the quoted replay) over fixed time blocks: the variance of block PnL,
/// and the inventory risk, the mean square of the one-period inventory PnL q·ΔP (positions held at
/// the start of each sampling period); each as a ratio with a paired block-bootstrap interval.
/// </summary>
public sealed record HedgeSummary
{
    /// <summary>Hedge mode: None, Beta or CrossVenue.</summary>
    public required string Mode { get; init; }

    /// <summary>The quoted instrument.</summary>
    public required string QuotedSymbol { get; init; }

    /// <summary>The hedge instrument (several joined by " + ").</summary>
    public required string HedgeSymbol { get; init; }

    /// <summary>Each hedge instrument's leg with its own cost split.</summary>
    public required IReadOnlyList<HedgeLegSummary> Legs { get; init; }

    /// <summary>The quoted leg's net PnL (fees included), marked at the last mid.</summary>
    public double QuotedPnl { get; init; }

    /// <summary>The hedge leg's net PnL (taker fees included), marked at the last mid.</summary>
    public double HedgePnl { get; init; }

    /// <summary>Both legs.</summary>
    public double PortfolioPnl => QuotedPnl + HedgePnl;

    /// <summary>q₁ at the end.</summary>
    public double QuotedFinalPosition { get; init; }

    /// <summary>q₂ at the end.</summary>
    public double HedgeFinalPosition { get; init; }

    /// <summary>Mean |q₁·P₁| and |q₂·P₂| over the samples (quote currency).</summary>
    public double QuotedMeanAbsExposure { get; init; }

    /// <summary>Mean |q₂·P₂| over the samples.</summary>
    public double HedgeMeanAbsExposure { get; init; }

    /// <summary>Σ s·Q·(P₂,end − P₂ at decision): what the hedge positions made as the mid moved.</summary>
    public double HedgeInventoryPnl { get; init; }

    /// <summary>Half spreads crossed by the hedges.</summary>
    public double HedgeSpreadCost { get; init; }

    /// <summary>Depth walked past the touch.</summary>
    public double HedgeSlippageCost { get; init; }

    /// <summary>The mid's move while hedges travelled.</summary>
    public double HedgeDelayCost { get; init; }

    /// <summary>Taker fees of the hedges.</summary>
    public double HedgeFees { get; init; }

    /// <summary>Hedges executed.</summary>
    public int Hedges { get; init; }

    /// <summary>Threshold crossings, each of which sent one hedge.</summary>
    public long Crossings { get; init; }

    /// <summary>Hedges sent but not arrived when the data ended.</summary>
    public int TravellingAtEnd { get; init; }

    /// <summary>Hedges that found an empty side.</summary>
    public int Unfilled { get; init; }

    /// <summary>Correlation of the sampled log returns over the whole run (a report figure; decisions never see it).</summary>
    public double Correlation { get; init; }

    /// <summary>β of the hedges: first, median and last used, and the mean of their standard errors.</summary>
    public double BetaFirst { get; init; }

    /// <summary>Median β of the hedges.</summary>
    public double BetaMedian { get; init; }

    /// <summary>Last β used.</summary>
    public double BetaLast { get; init; }

    /// <summary>Mean standard error of the β used.</summary>
    public double BetaMeanError { get; init; }

    /// <summary>Length of the PnL blocks (s).</summary>
    public double BlockSeconds { get; init; }

    /// <summary>Whole blocks in the run.</summary>
    public int Blocks { get; init; }

    /// <summary>Variance of block PnL of the quoted leg alone.</summary>
    public double UnhedgedBlockPnlVariance { get; init; }

    /// <summary>Variance of block PnL of the portfolio.</summary>
    public double HedgedBlockPnlVariance { get; init; }

    /// <summary>Hedged over unhedged block PnL variance.</summary>
    public double VarianceRatio => HedgedBlockPnlVariance / UnhedgedBlockPnlVariance;

    /// <summary>Lower end of its 95% paired block-bootstrap interval (NaN with too few blocks).</summary>
    public double VarianceRatioLower { get; init; }

    /// <summary>Upper end of that interval.</summary>
    public double VarianceRatioUpper { get; init; }

    /// <summary>Root mean square of the inventory PnL per sampling period of the whole blocks (NaN with none).</summary>
    public double UnhedgedInventoryRisk { get; init; }

    /// <summary>The same with the hedge leg.</summary>
    public double HedgedInventoryRisk { get; init; }

    /// <summary>Hedged over unhedged mean square inventory PnL, with its interval.</summary>
    public double InventoryRiskRatio => HedgedInventoryRisk * HedgedInventoryRisk / (UnhedgedInventoryRisk * UnhedgedInventoryRisk);

    /// <summary>Lower end of its 95% paired block-bootstrap interval.</summary>
    public double InventoryRiskRatioLower { get; init; }

    /// <summary>Upper end of that interval.</summary>
    public double InventoryRiskRatioUpper { get; init; }

    /// <summary>Orders of the quoted leg the portfolio limits refused (0 without limits).</summary>
    public long PortfolioRefusals { get; init; }

    /// <summary>The smallest factor min(1, σ_ref/σ_t) the limits were scaled by (1 without limits or below every reference).</summary>
    public double SmallestLimitScale { get; init; } = 1;

    /// <summary>Every hedge with its costs.</summary>
    public required IReadOnlyList<HedgeExecution> Executions { get; init; }

    /// <summary>
    /// The figures of <paramref name="hedger"/>'s run, legs marked at the last mids; blocks of
    /// <paramref name="blockSeconds"/>, bootstrap drawn with <paramref name="seed"/>.
    /// </summary>
    public static HedgeSummary From(PortfolioHedger hedger, HedgeVenue venue, HedgeMode mode, double blockSeconds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(hedger);
        ArgumentNullException.ThrowIfNull(venue);
        IReadOnlyList<HedgeSample> samples = hedger.Samples;
        if (samples.Count < 2)
        {
            throw new InvalidOperationException("a hedged run needs at least two samples");
        }

        HedgeSample last = samples[^1];
        IReadOnlyList<HedgeExecution> hedges = hedger.Executions;
        HedgeLegSummary[] legs = [.. venue.HedgeInstruments.Select((instrument, j) => Leg(instrument.Symbol, [.. hedges.Where(h => h.Hedge == j)], hedger.Hedges[j].Position, hedger.LastHedgeMid(j), hedger.Hedges[j].Equity(hedger.LastHedgeMid(j))))];
        double[] betas = [.. hedges.Select(h => h.Beta).Order()];
        (List<double> hedgedBlocks, List<double> unhedgedBlocks, List<double> hedgedSquares, List<double> unhedgedSquares, int periods) = BlockFigures(samples, blockSeconds);
        ulong bootstrapSeed = seed;
        (double varLower, double varUpper) = PairedBlockBootstrap.RatioInterval(hedgedBlocks, unhedgedBlocks, v => PerformanceStatistics.Variance(v), bootstrapSeed);
        (double riskLower, double riskUpper) = PairedBlockBootstrap.RatioInterval(hedgedSquares, unhedgedSquares, v => PerformanceStatistics.Mean(v), bootstrapSeed + 1);
        return new HedgeSummary
        {
            Mode = mode.ToString(),
            QuotedSymbol = venue.Instrument.Symbol,
            HedgeSymbol = string.Join(" + ", venue.HedgeInstruments.Select(h => h.Symbol)),
            Legs = legs,
            QuotedPnl = last.QuotedEquity,
            HedgePnl = last.HedgeEquity,
            QuotedFinalPosition = last.QuotedPosition,
            HedgeFinalPosition = last.HedgePosition,
            QuotedMeanAbsExposure = samples.Average(s => Math.Abs(s.QuotedPosition * s.QuotedMid)),
            HedgeMeanAbsExposure = samples.Average(s => s.HedgeAbsExposure),
            HedgeInventoryPnl = legs.Sum(l => l.InventoryPnl),
            HedgeSpreadCost = hedges.Sum(h => h.SpreadCost),
            HedgeSlippageCost = hedges.Sum(h => h.SlippageCost),
            HedgeDelayCost = hedges.Sum(h => h.DelayCost),
            HedgeFees = hedges.Sum(h => h.Fee),
            Hedges = hedges.Count,
            Crossings = hedger.Crossings,
            TravellingAtEnd = venue.PendingCount,
            Unfilled = venue.Unfilled,
            Correlation = ReturnCorrelation(samples),
            BetaFirst = hedges.Count > 0 ? hedges[0].Beta : double.NaN,
            BetaMedian = betas.Length > 0 ? betas[betas.Length / 2] : double.NaN,
            BetaLast = hedges.Count > 0 ? hedges[^1].Beta : double.NaN,
            BetaMeanError = hedges.Count > 0 ? hedges.Average(h => h.BetaError) : double.NaN,
            BlockSeconds = blockSeconds,
            Blocks = hedgedBlocks.Count,
            UnhedgedBlockPnlVariance = unhedgedBlocks.Count > 1 ? PerformanceStatistics.Variance([.. unhedgedBlocks]) : double.NaN,
            HedgedBlockPnlVariance = hedgedBlocks.Count > 1 ? PerformanceStatistics.Variance([.. hedgedBlocks]) : double.NaN,
            VarianceRatioLower = varLower,
            VarianceRatioUpper = varUpper,
            UnhedgedInventoryRisk = Math.Sqrt(unhedgedSquares.Sum() / periods),
            HedgedInventoryRisk = Math.Sqrt(hedgedSquares.Sum() / periods),
            InventoryRiskRatioLower = riskLower,
            InventoryRiskRatioUpper = riskUpper,
            PortfolioRefusals = hedger.Limits?.Refusals ?? 0,
            SmallestLimitScale = hedger.Limits?.SmallestScale ?? 1,
            Executions = [.. hedges],
        };
    }

    /// <summary>
    /// Per block of <paramref name="blockSeconds"/> from the first sample: PnL change (portfolio and
    /// quoted leg) and sum of squared one-period inventory PnL (with and without the hedge leg),
    /// and the sampling periods those whole blocks hold (the last, unfinished block counts nowhere).
    /// </summary>
    internal static (List<double> Hedged, List<double> Unhedged, List<double> HedgedSquares, List<double> UnhedgedSquares, int Periods) BlockFigures(IReadOnlyList<HedgeSample> samples, double blockSeconds)
    {
        if (!(blockSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(blockSeconds), "blocks must last a positive time");
        }

        var hedged = new List<double>();
        var unhedged = new List<double>();
        var hedgedSquares = new List<double>();
        var unhedgedSquares = new List<double>();
        long start = samples[0].Time, length = (long)(blockSeconds * 1e9);
        HedgeSample open = samples[0];
        double squaresHedged = 0, squaresUnhedged = 0;
        int periods = 0, openPeriods = 0;
        for (int i = 1; i < samples.Count; i++)
        {
            HedgeSample before = samples[i - 1], s = samples[i];
            double quotedMove = before.QuotedPosition * (s.QuotedMid - before.QuotedMid);
            double hedgeMove = s.HedgeMove;
            squaresUnhedged += quotedMove * quotedMove;
            squaresHedged += (quotedMove + hedgeMove) * (quotedMove + hedgeMove);
            openPeriods++;
            bool closes = i < samples.Count - 1 && (samples[i + 1].Time - start) / length != (s.Time - start) / length;
            if (closes)
            {
                hedged.Add(s.QuotedEquity + s.HedgeEquity - open.QuotedEquity - open.HedgeEquity);
                unhedged.Add(s.QuotedEquity - open.QuotedEquity);
                hedgedSquares.Add(squaresHedged);
                unhedgedSquares.Add(squaresUnhedged);
                periods += openPeriods;
                (open, squaresHedged, squaresUnhedged, openPeriods) = (s, 0, 0, 0);
            }
        }

        return (hedged, unhedged, hedgedSquares, unhedgedSquares, periods);
    }

    /// <summary>One hedge instrument's leg from its hedges, marked at <paramref name="lastMid"/>.</summary>
    private static HedgeLegSummary Leg(string symbol, HedgeExecution[] hedges, double position, double lastMid, double pnl)
    {
        double[] betas = [.. hedges.Select(h => h.Beta).Order()];
        return new HedgeLegSummary
        {
            Symbol = symbol,
            Pnl = pnl,
            FinalPosition = position,
            InventoryPnl = hedges.Sum(h => h.SignedQuantity * (lastMid - h.MidAtDecision)),
            SpreadCost = hedges.Sum(h => h.SpreadCost),
            SlippageCost = hedges.Sum(h => h.SlippageCost),
            DelayCost = hedges.Sum(h => h.DelayCost),
            Fees = hedges.Sum(h => h.Fee),
            Hedges = hedges.Length,
            BetaMedian = betas.Length > 0 ? betas[betas.Length / 2] : double.NaN,
        };
    }

    /// <summary>Correlation of consecutive samples' log returns (the quoted and the first hedge), both mids positive.</summary>
    private static double ReturnCorrelation(IReadOnlyList<HedgeSample> samples)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 1; i < samples.Count; i++)
        {
            HedgeSample a = samples[i - 1], b = samples[i];
            if (!(a.QuotedMid > 0 && a.HedgeMid > 0 && b.QuotedMid > 0 && b.HedgeMid > 0))
            {
                continue;
            }

            double x = Math.Log(b.HedgeMid / a.HedgeMid), y = Math.Log(b.QuotedMid / a.QuotedMid);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }

        double cxx = sxx - (sx * sx / n), cyy = syy - (sy * sy / n), cxy = sxy - (sx * sy / n);
        return n < 3 || cxx <= 0 || cyy <= 0 ? double.NaN : cxy / Math.Sqrt(cxx * cyy);
    }
}
