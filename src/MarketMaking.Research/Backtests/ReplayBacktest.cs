using System.Globalization;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>
/// Strategies replayed against recorded L2 data (book + trades): our orders rest in shadow queues,
/// delayed by latency, charged fees. σ, A and κ are calibrated on the first part of the file, which
/// is then not traded, so a strategy never trades on data it was fitted to. Each run reads the file
/// again from its start. What <c>mm backtest</c> runs:
/// <code>
/// var backtest = ReplayBacktest.Open("btcusdt.gz", "binance-usdm", new ReplaySetup { Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)) });
/// RunResult run = backtest.Run(StrategyCatalog.Create("as", backtest.Baseline()));
/// </code>
/// </summary>
public sealed class ReplayBacktest
{
    private readonly string _path;
    private readonly string _format;
    private readonly MarketDataOptions _data;

    private ReplayBacktest(string path, string format, MarketDataOptions data, ReplaySession session)
    {
        _path = path;
        _format = format;
        _data = data;
        Session = session;
    }

    /// <summary>The replay: instrument, calibration, execution settings.</summary>
    public ReplaySession Session { get; }

    /// <summary>The data's instrument (ticks and lots as read or given).</summary>
    public Instrument Instrument => Session.DataInstrument;

    /// <summary>
    /// Checks <paramref name="setup"/> and the format, then reads the instrument and calibrates on
    /// the file's first <see cref="ReplaySetup.CalibrationWindow"/>.
    /// </summary>
    /// <param name="path">The data file (gz and zip are read directly).</param>
    /// <param name="format">An L2 format of <see cref="MarketDataFormats"/>, e.g. binance-usdm.</param>
    /// <param name="setup">Queue model, latency, requote interval, calibration window, fees.</param>
    /// <param name="data">Symbol, tick and lot (inferred when not given), bad-row policy.</param>
    public static ReplayBacktest Open(string path, string format, ReplaySetup setup, MarketDataOptions? data = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        MarketDataFormats.Parse(format);
        MarketDataOptions options = data ?? new MarketDataOptions();
        return new ReplayBacktest(path, format, options, ReplaySession.Open(setup, () => MarketDataFormats.Open(path, format, options)));
    }

    /// <summary>Strategy settings on this data: σ, A, κ as given, else calibrated; one lot per order (<see cref="ReplaySession.Baseline"/>).</summary>
    public StrategySettings Baseline(double? sigma = null, double? a = null, double? kappa = null, double horizon = 60) => Session.Baseline(sigma, a, kappa, horizon);

    /// <summary>The run settings of a backtest: recorded-data metrics (<see cref="BacktestMetrics"/>), series recorded for the report.</summary>
    /// <param name="risk">Position limit and kill switch; none by default.</param>
    /// <param name="initialInventory">Inventory at the start, bought at the first mid.</param>
    /// <param name="slippageBps">Each fill's price moved against us, basis points.</param>
    public static RunSettings Settings(RiskLimits? risk = null, double initialInventory = 0, double slippageBps = 0)
    {
        RiskLimits limits = risk ?? RiskLimits.None;
        return new RunSettings { Risk = limits, Metrics = BacktestMetrics.ForRecordedData(limits.MaxPosition), RecordSeries = true, InitialInventory = initialInventory, SlippageBps = slippageBps };
    }

    /// <summary>One strategy over the whole file, traded after the calibration window (default <see cref="Settings"/>).</summary>
    public RunResult Run(IQuotingStrategy strategy, RunSettings? settings = null) => RunOne(strategy, settings ?? Settings()).Result;

    /// <summary>
    /// Each strategy in turn (built as the sequence is enumerated), with the same run settings, and
    /// what the report says about the replay. <paramref name="described"/> are the strategy settings
    /// the report lists (those the strategies read); <paramref name="given"/> the σ, A, κ given to <see cref="Baseline"/>, so the
    /// report says where each came from.
    /// </summary>
    public BacktestRun RunAll(IEnumerable<(string Label, IQuotingStrategy Strategy)> strategies, RunSettings settings, DescribedSettings described, (double? Sigma, double? A, double? Kappa) given)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var results = new List<RunResult>();
        var replays = new List<(string Label, ReplayStatistics Statistics)>();
        (RunResult Result, ReplayMarket Market, BadRowCounts BadRows)? last = null;
        foreach ((string label, IQuotingStrategy strategy) in strategies)
        {
            last = RunOne(strategy, settings);
            results.Add(last.Value.Result with { Strategy = label });
            replays.Add((label, last.Value.Market.Statistics));
        }

        if (last is not { } final)
        {
            throw new ArgumentException("no strategy to run", nameof(strategies));
        }

        Instrument traded = final.Market.Instrument;
        ReplayStatistics stats = final.Market.Statistics;
        var invariant = CultureInfo.InvariantCulture;
        return new BacktestRun($"replay of {_path}", results,
        [
            new("data", $"{_path} ({_format})"),
            new("instrument", $"{Instrument.Symbol}: tick {Instrument.TickSize.ToString(invariant)}, lot {Instrument.LotSize.ToString(invariant)}, maker fee {traded.MakerFeeRate.ToString(invariant)}, taker fee {traded.TakerFeeRate.ToString(invariant)}"),
            new("calibration", Session.CalibrationText(given.Sigma, given.A, given.Kappa)),
            new("execution", Session.ExecutionText),
            new("replay", $"{stats.Events:N0} events in {stats.Batches:N0} messages; {ClockText(stats)}{string.Join("; ", replays.Select(r => (replays.Count > 1 ? r.Label + ": " : "") + ExecutionText(r.Statistics)))}"),
            new("data quality", BadRowText.Describe(final.BadRows)),
            BacktestText.StrategySettings(described),
        ]);
    }

    /// <summary>The shift that put receive times on the exchange's clock, when the data needed one.</summary>
    private static string ClockText(ReplayStatistics stats) => stats.ClockShift > 0
        ? string.Create(CultureInfo.InvariantCulture, $"receive times {stats.ClockShift / 1e6:0.###} ms behind the exchange's, moved forward for our orders' latency; ")
        : string.Empty;

    /// <summary>How one strategy's orders met the tape: refusals, its fills by cause (they add up to its fills), and the tape its own impact changed.</summary>
    private string ExecutionText(ReplayStatistics stats) =>
        $"our orders refused as crossing {stats.OrdersRejectedAsCrossing}, fills by queue {stats.FillsByQueue}, by trade-through {stats.FillsThroughTradedPrice}, by book crossing {stats.FillsByBookCrossing}"
        + (Session.Settings.OwnImpact ? $", own impact took {stats.TapeLotsRemoved:N0} lots from the recorded executions" : string.Empty);

    private (RunResult Result, ReplayMarket Market, BadRowCounts BadRows) RunOne(IQuotingStrategy strategy, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(settings);
        using MarketDataReader reader = MarketDataFormats.Open(_path, _format, _data);
        ReplayMarket market = Session.Market(reader, strategy);
        return (EventLoop.Run(market, strategy, settings), market, reader.BadRows);
    }
}
