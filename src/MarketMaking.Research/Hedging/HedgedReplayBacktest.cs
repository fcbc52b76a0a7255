using System.Globalization;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Hedging;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Hedging;

/// <summary>
/// A strategy quoting the first of several files that share a clock (shadow queues, latency and fees
/// as in <see cref="ReplayBacktest"/>), hedged with taker orders on the others
/// (<see cref="PortfolioHedger"/>, <see cref="HedgeVenue"/>). The quoted leg is calibrated on the
/// first file's warm-up exactly as a one-instrument backtest, and the hedge never changes it, so the
/// quoted leg of a hedged run is the <c>--hedge none</c> run. What <c>mm backtest --data F1 --data F2 --hedge …</c> runs.
/// </summary>
public sealed class HedgedReplayBacktest
{
    private readonly string _quotedPath, _quotedFormat;
    private readonly IReadOnlyList<(string Path, string Format)> _hedges;
    private readonly MarketDataOptions _quotedData, _hedgeData;
    private readonly ReplaySetup _setup;

    private HedgedReplayBacktest(string quotedPath, string quotedFormat, MarketDataOptions quotedData, IReadOnlyList<(string Path, string Format)> hedges, MarketDataOptions hedgeData, ReplaySetup setup, IReadOnlyList<Instrument> hedgeInstruments)
    {
        (_quotedPath, _quotedFormat, _quotedData, _hedges, _hedgeData, _setup) = (quotedPath, quotedFormat, quotedData, hedges, hedgeData, setup);
        Session = ReplaySession.Open(setup, () => MarketDataFormats.Open(quotedPath, quotedFormat, quotedData));
        HedgeInstruments = hedgeInstruments;
    }

    /// <summary>The quoted file's replay: instrument, calibration, execution settings.</summary>
    public ReplaySession Session { get; }

    /// <summary>The hedge instruments as read, each with the taker fee its hedges pay.</summary>
    public IReadOnlyList<Instrument> HedgeInstruments { get; }

    /// <summary>The first hedge instrument.</summary>
    public Instrument HedgeInstrument => HedgeInstruments[0];

    /// <summary>
    /// Checks both formats, reads both instruments and calibrates the quoted file.
    /// <paramref name="hedgeTakerFee"/>: the hedge venue's taker fee rate (default: the hedge data's).
    /// </summary>
    public static HedgedReplayBacktest Open(
        string quotedPath, string quotedFormat, string hedgePath, string hedgeFormat, ReplaySetup setup,
        MarketDataOptions? quotedData = null, MarketDataOptions? hedgeData = null, double? hedgeTakerFee = null) =>
        Open(quotedPath, quotedFormat, [(hedgePath, hedgeFormat)], setup, quotedData, hedgeData, hedgeTakerFee);

    /// <summary>The same with several hedge files (path, format), in the order of the β vector; every hedge pays <paramref name="hedgeTakerFee"/>.</summary>
    public static HedgedReplayBacktest Open(
        string quotedPath, string quotedFormat, IReadOnlyList<(string Path, string Format)> hedges, ReplaySetup setup,
        MarketDataOptions? quotedData = null, MarketDataOptions? hedgeData = null, double? hedgeTakerFee = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(hedges);
        if (hedges.Count == 0)
        {
            throw new ArgumentException("at least one hedge file", nameof(hedges));
        }

        MarketDataFormats.Parse(quotedFormat);
        foreach ((string _, string format) in hedges)
        {
            MarketDataFormats.Parse(format);
        }

        MarketDataOptions hedgeOptions = hedgeData ?? new MarketDataOptions();
        var instruments = new List<Instrument>(hedges.Count);
        foreach ((string path, string format) in hedges)
        {
            using MarketDataReader probe = MarketDataFormats.Open(path, format, hedgeOptions);
            Instrument read = probe.Instrument;
            instruments.Add(new Instrument(read.Symbol, read.TickSize, read.LotSize, read.MakerFeeRate, hedgeTakerFee ?? read.TakerFeeRate));
        }

        return new HedgedReplayBacktest(quotedPath, quotedFormat, quotedData ?? new MarketDataOptions(), [.. hedges], hedgeOptions, setup, instruments);
    }

    /// <summary>Strategy settings on the quoted file (<see cref="ReplaySession.Baseline"/>).</summary>
    public StrategySettings Baseline(double? sigma = null, double? a = null, double? kappa = null, double horizon = 60) => Session.Baseline(sigma, a, kappa, horizon);

    /// <summary>
    /// Each strategy in turn, hedged alike, and what the report says about the data and the hedge;
    /// <paramref name="described"/> are the strategy settings listed (those the strategies read), <paramref name="given"/> the σ,
    /// A, κ given to <see cref="Baseline"/> (the report says where each came from),
    /// <paramref name="minProfitability"/> the cross-venue quotes' least edge.
    /// </summary>
    public (BacktestRun Backtest, IReadOnlyList<HedgedRun> Runs) RunAll(
        IEnumerable<(string Label, Func<HedgeVenue, IQuotingStrategy> Strategy)> strategies, RunSettings settings, HedgeSettings hedge, double blockSeconds, DescribedSettings described, (double? Sigma, double? A, double? Kappa) given, double minProfitability, PortfolioRiskLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(hedge);
        List<HedgedRun> runs = [.. strategies.Select(s => Run(s.Label, s.Strategy, settings, hedge, blockSeconds, limits))];
        if (runs.Count == 0)
        {
            throw new ArgumentException("no strategy to run", nameof(strategies));
        }

        Instrument quoted = Session.DataInstrument;
        var c = CultureInfo.InvariantCulture;
        string hedgeFiles = string.Join(" and ", _hedges.Select(h => $"{h.Path} ({h.Format})"));
        var backtest = new BacktestRun($"{_quotedPath} hedged on {string.Join(" and ", _hedges.Select(h => h.Path))} ({hedge.Mode})", [.. runs.Select(r => r.Quoted)],
        [
            new("data", $"{_quotedPath} ({_quotedFormat}), hedged on {hedgeFiles}"),
            new("instruments", string.Create(c, $"{quoted.Symbol}: tick {quoted.TickSize}, lot {quoted.LotSize}; {string.Join("; ", HedgeInstruments.Select(h => string.Create(c, $"hedge {h.Symbol}: tick {h.TickSize}, lot {h.LotSize}, taker fee {h.TakerFeeRate}")))}")),
            new("calibration", Session.CalibrationText(given.Sigma, given.A, given.Kappa)),
            new("execution", Session.ExecutionText + "; hedges are taker orders with the same entry latency"),
            new("hedge", hedge.Mode switch
            {
                HedgeMode.CrossVenue when HedgeInstruments.Count > 1 => string.Create(c, $"cross-venue: every fill hedged, one for one on the first hedge until the β vector over {hedge.Window} log returns sampled every {hedge.SampleInterval / 1e9:G} s is known, then on each hedge by its β; quotes priced from the first hedge's book, min profitability {minProfitability}"),
                HedgeMode.CrossVenue => string.Create(c, $"cross-venue: every fill hedged one for one; quotes priced from the hedge book, min profitability {minProfitability}"),
                HedgeMode.Beta => string.Create(c, $"beta: threshold {hedge.Threshold} in quote currency, β over {hedge.Window} log returns sampled every {hedge.SampleInterval / 1e9:G} s"),
                _ => "none: the second instrument is only watched",
            }),
            new("portfolio limits", limits is null ? "none" : Describe(limits)),
            BacktestText.StrategySettings(described),
        ]);
        return (backtest, runs);
    }

    /// <summary>
    /// One run: <paramref name="strategy"/> is built on the run's venue (a cross-venue maker reads
    /// the hedge book through it), hedged as <paramref name="hedge"/> says; figures over blocks of
    /// <paramref name="blockSeconds"/>. With <paramref name="limits"/> (quoted, then each hedge) the quoted
    /// leg's risk gate refuses orders that would break them (the net exposure and gross notional counting every leg), each limit shrunk as that instrument's
    /// sampled volatility rises (<see cref="HedgePortfolioLimits"/>): the quoted leg then depends on the hedge.
    /// </summary>
    public HedgedRun Run(string label, Func<HedgeVenue, IQuotingStrategy> strategy, RunSettings settings, HedgeSettings hedge, double blockSeconds, PortfolioRiskLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hedge);
        var sources = new List<IMarketEventSource>(1 + _hedges.Count);
        try
        {
            sources.Add(MarketDataFormats.Open(_quotedPath, _quotedFormat, _quotedData));
            foreach ((string path, string format) in _hedges)
            {
                sources.Add(MarketDataFormats.Open(path, format, _hedgeData));
            }
        }
        catch
        {
            sources.ForEach(s => s.Dispose());
            throw;
        }

        using var venue = new HedgeVenue(new MergedMarketEvents(sources), HedgeInstruments, _setup.Latency.Create(_setup.Seed, Session.RecordedLatencies));
        IQuotingStrategy quoting = strategy(venue);
        HedgePortfolioLimits? portfolio = limits is null ? null : new HedgePortfolioLimits(limits, HedgeInstruments.Count);
        var hedger = new PortfolioHedger(venue, hedge, portfolio);
        var market = Session.Market(venue, quoting);
        RunResult result = EventLoop.Run(market, quoting, settings with { Observer = hedger, Portfolio = portfolio });
        hedger.Finish(market.Mid);
        return new HedgedRun(result with { Strategy = label }, HedgeSummary.From(hedger, venue, hedge.Mode, blockSeconds, (ulong)_setup.Seed));
    }

    private static string Describe(PortfolioRiskLimits limits) => string.Create(CultureInfo.InvariantCulture,
        $"|q·P| of each {string.Join(", ", limits.Instruments.Select(i => $"{i.MaxExposure:G6} (σ_ref {i.VolatilityReference:G4})"))}, net {limits.MaxNetExposure:G6}, gross {limits.MaxGrossNotional:G6}; σ_t half-life {limits.VolatilityHalfLife.TotalSeconds:G} s");
}
