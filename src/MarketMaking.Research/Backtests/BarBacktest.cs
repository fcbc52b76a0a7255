using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Research.Sweeps;
using MarketMaking.Simulation.Bars;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>
/// Strategies run over bars (OHLCV): a quote fills when the bar trades through it (or touches it,
/// as <see cref="BarSettings"/> says); decisions come every <c>update_freq</c> bars. Each run reads
/// the file again. What <c>mm backtest --bars</c> runs.
/// </summary>
public sealed class BarBacktest
{
    private readonly string _path;
    private readonly string _format;
    private readonly BadRowPolicy _policy;

    private BarBacktest(string path, string format, BadRowPolicy policy, Instrument instrument, BarSettings settings, double barSeconds)
    {
        _path = path;
        _format = format;
        _policy = policy;
        Instrument = instrument;
        BarSettings = settings;
        BarSeconds = barSeconds;
    }

    /// <summary>The instrument traded.</summary>
    public Instrument Instrument { get; }

    /// <summary>How quotes fill.</summary>
    public BarSettings BarSettings { get; }

    /// <summary>The length of one bar (s): the gap between the file's first two.</summary>
    public double BarSeconds { get; }

    /// <summary>Checks the settings and reads the bar length from the file's first two bars.</summary>
    /// <param name="path">The bar file.</param>
    /// <param name="format">ohlcv or bybit-kline; null: from the file name (<see cref="BarFiles.DefaultFormat"/>).</param>
    /// <param name="instrument">The instrument traded (tick, lot, fees).</param>
    /// <param name="settings">Fill rule, touch probability, slippage, seed.</param>
    /// <param name="policy">What a bad row does: stop, or skip and count.</param>
    /// <exception cref="InvalidParameterException">The file holds fewer than two bars.</exception>
    public static BarBacktest Open(string path, string? format, Instrument instrument, BarSettings settings, BadRowPolicy policy = BadRowPolicy.Stop)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(settings);
        string name = format ?? BarFiles.DefaultFormat(path);
        settings.Validate();
        long[] times = [.. MarketDataFormats.OpenBars(path, name, policy).Take(2).Select(b => b.OpenTime)];
        double barSeconds = times.Length == 2 ? (times[1] - times[0]) / 1e9 : throw new InvalidParameterException("data", $"{path} holds fewer than two bars");
        return new BarBacktest(path, name, policy, instrument, settings, barSeconds);
    }

    /// <summary>
    /// Strategy settings on these bars: σ, A, κ as given (defaults 2, 140, 1.5), T − t of
    /// <paramref name="horizon"/> seconds, one lot per order, as on L2 data
    /// (<see cref="Replay.ReplaySession.Baseline"/>). A sweep and a backtest start from the same.
    /// </summary>
    public StrategySettings Baseline(double? sigma = null, double? a = null, double? kappa = null, double horizon = 60) => new()
    {
        Sigma = sigma ?? 2,
        A = a ?? 140,
        Kappa = kappa ?? 1.5,
        Horizon = horizon,
        OrderQuantity = Instrument.LotSize,
    };

    /// <summary>
    /// The run settings of a bar backtest: bar metrics (<see cref="BacktestMetrics.ForBars"/>), a
    /// decision every <c>update_freq</c> bars of <paramref name="strategy"/> (at least one), series recorded.
    /// </summary>
    public RunSettings Settings(StrategySettings strategy, RiskLimits? risk = null) => RunSettingsOf(BarSeconds, strategy, risk) with { RecordSeries = true };

    /// <summary>
    /// The same strategies as a sweep over these bars, read once into memory: a point scores what
    /// <see cref="Run"/> reports for its settings with <see cref="Settings"/> (same instrument, fill
    /// rule, slippage, seed and risk limits).
    /// </summary>
    /// <param name="baseline">Strategy settings before a point's values are applied (e.g. <see cref="Baseline"/>).</param>
    /// <param name="create">Builds the strategy a point runs.</param>
    /// <param name="risk">Position limit and kill switch of every point; none by default.</param>
    public BarSweep Sweep(StrategySettings baseline, Func<StrategySettings, IQuotingStrategy> create, RiskLimits? risk = null) =>
        new(BarFiles.Load(_path, _format, _policy), Instrument, baseline, create, BarSettings, risk);

    /// <summary>The run settings of bars <paramref name="barSeconds"/> long (no series): what a backtest and a sweep point share.</summary>
    internal static RunSettings RunSettingsOf(double barSeconds, StrategySettings strategy, RiskLimits? risk)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        RiskLimits limits = risk ?? RiskLimits.None;

        // update_freq counts bars here.
        return new RunSettings
        {
            Risk = limits,
            Metrics = BacktestMetrics.ForBars(limits.MaxPosition, barSeconds),
            DecisionInterval = (Math.Max(1, strategy.UpdateInterval) * barSeconds) - 1e-9,
        };
    }

    /// <summary>One strategy over every bar.</summary>
    public RunResult Run(IQuotingStrategy strategy, RunSettings settings) => RunOne(strategy, settings).Result;

    /// <summary>
    /// Each strategy in turn (built as the sequence is enumerated), with the same run settings, and
    /// what the report says about the bars. <paramref name="described"/> are the strategy settings
    /// the report lists (those the strategies read; update_freq, quoted in bars, is the run's).
    /// </summary>
    public BacktestRun RunAll(IEnumerable<(string Label, IQuotingStrategy Strategy)> strategies, RunSettings settings, DescribedSettings described)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(described);
        var results = new List<RunResult>();
        var items = new List<KeyValuePair<string, string>> { new("data", $"{_path} ({_format})") };
        BarReader? lastReader = null;
        foreach ((string label, IQuotingStrategy strategy) in strategies)
        {
            (RunResult result, BarMarket market, lastReader) = RunOne(strategy, settings);
            results.Add(result with { Strategy = label });
            items.Add(new($"{label}: bars played", market.BarsPlayed.ToString(CultureInfo.InvariantCulture)));
        }

        items.Add(new("bars", $"{BarSeconds} s each; fills {FillRuleName(BarSettings.FillRule)}; slippage {BarSettings.SlippageBps} bp; update_freq {Math.Max(1, described.Settings.UpdateInterval)} bars"));
        items.Add(new("data quality", lastReader is null ? "none" : BadRowText.Describe(lastReader.BadRows)));
        items.Add(BacktestText.StrategySettings(described));
        return new BacktestRun($"bar backtest of {_path}", results, items);
    }

    /// <summary>through, touch or probability: the rule as the command line and reports name it.</summary>
    public static string FillRuleName(BarFillRule rule) => rule switch
    {
        BarFillRule.Touch => "touch",
        BarFillRule.TouchWithProbability => "probability",
        _ => "through",
    };

    private (RunResult Result, BarMarket Market, BarReader Reader) RunOne(IQuotingStrategy strategy, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(settings);
        BarReader reader = MarketDataFormats.OpenBars(_path, _format, _policy);
        var market = new BarMarket(reader, Instrument, BarSettings);
        return (EventLoop.Run(market, strategy, settings), market, reader);
    }
}
