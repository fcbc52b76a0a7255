using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Metrics;
using MarketMaking.Data.Files;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Replay;

namespace MarketMaking.Cli.Options;

/// <summary>
/// How recorded L2 data is replayed, shared by <c>mm backtest</c> and <c>mm tune --market replay</c>
/// so both run a point through the same market: instrument parts, bad-row policy, queue model,
/// latency, requote interval, calibration window and taker fee. Options a command shares with its
/// other markets (maker fee, lot size, seed) are passed in by the command.
/// </summary>
internal sealed class ReplayOptions
{
    private readonly Option<string?> _symbol = new("--symbol") { Description = "instrument symbol (default: from the data)" };
    private readonly Option<double?> _tickSize = new("--tick-size") { Description = "price grid (default: inferred from the data's decimals)" };
    private readonly Option<double?> _takerFee = new("--taker-fee") { Description = "taker fee rate" };
    private readonly Option<string> _onBadRow = new("--on-bad-row") { Description = "stop or skip (skips are counted in the report)", DefaultValueFactory = _ => "stop" };
    private readonly Option<string> _queueModel = new("--queue-model") { Description = "risk-averse, power or log", DefaultValueFactory = _ => "risk-averse" };
    private readonly Option<double> _queuePower = new("--queue-power") { Description = "exponent n of the power queue model", DefaultValueFactory = _ => 2 };
    private readonly Option<string> _latency = new("--latency") { Description = "order entry latency, e.g. 5ms; 'recorded' draws each from the data's own receive delays (local − exchange time)", DefaultValueFactory = _ => "0ms" };
    private readonly Option<string?> _cancelLatency = new("--cancel-latency") { Description = "cancel latency (default: the entry latency)" };
    private readonly Option<double> _latencyJitter = new("--latency-jitter") { Description = "log-std of a lognormal latency around the median (0: constant)", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _requote = new("--requote-interval") { Description = "least time between decisions (a fill triggers one at once)", DefaultValueFactory = _ => "100ms" };
    private readonly Option<string> _calibrate = new("--calibrate") { Description = "data at the start used to calibrate σ, A, κ and not traded (0s: none)", DefaultValueFactory = _ => "60s" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _symbol, _tickSize, _takerFee, _onBadRow, _queueModel, _queuePower, _latency, _cancelLatency, _latencyJitter, _requote, _calibrate })
        {
            command.Options.Add(option);
        }
    }

    public string? Symbol(ParseResult parse) => parse.GetValue(_symbol);

    public double? TickSize(ParseResult parse) => parse.GetValue(_tickSize);

    public double? TakerFee(ParseResult parse) => parse.GetValue(_takerFee);

    public BadRowPolicy Policy(ParseResult parse) => BadRowText.ParsePolicy(parse.GetValue(_onBadRow)!);

    /// <summary>How to read the data file: symbol, tick and lot (inferred when not given), bad-row policy.</summary>
    public MarketDataOptions DataOptions(ParseResult parse, double? lotSize) =>
        new() { Symbol = Symbol(parse), TickSize = TickSize(parse), LotSize = lotSize, OnBadRow = Policy(parse) };

    /// <summary>Metrics of a run on recorded data: markouts at 1, 5 and 30 s, Sharpe per second, annualized around the clock.</summary>
    public static MetricsOptions RecordedDataMetrics(double inventoryLimit) => new()
    {
        MarkoutHorizons = [1, 5, 30],
        SamplePeriod = 1,
        PeriodsPerYear = 365.0 * 24 * 3600, // crypto trades around the clock
        InventoryLimit = inventoryLimit,
    };

    /// <summary>
    /// Checks every replay option, then reads what the replay needs from the data (instrument,
    /// calibration window, recorded latencies) through <paramref name="open"/>, which gives a fresh
    /// stream of the data from its start each time it is called.
    /// </summary>
    public ReplaySession Open(ParseResult parse, double? makerFee, int seed, Func<IMarketEventSource> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        TimeSpan warmUp = Durations.Parse("calibrate", parse.GetValue(_calibrate)!, allowZero: true);
        var settings = new ReplaySettings
        {
            QueueModel = parse.GetValue(_queueModel) switch
            {
                "risk-averse" => new RiskAverseQueueModel(),
                "power" => ProbabilisticQueueModel.Power(parse.GetValue(_queuePower)),
                "log" => ProbabilisticQueueModel.Log(),
                var other => throw new InvalidParameterException("queue-model", $"unknown model '{other}'; known: risk-averse, power, log"),
            },
            RequoteInterval = Durations.Nanoseconds(Durations.Parse("requote-interval", parse.GetValue(_requote)!, allowZero: true)),
            StartAfter = Durations.Nanoseconds(warmUp),
            MakerFeeRate = makerFee,
            TakerFeeRate = TakerFee(parse),
        };
        string latencyText = parse.GetValue(_latency)!;
        bool recorded = latencyText == "recorded";
        long entry = recorded ? 0 : Durations.Nanoseconds(Durations.Parse("latency", latencyText, allowZero: true));
        string? cancelText = parse.GetValue(_cancelLatency);
        long cancel = cancelText is null ? entry : Durations.Nanoseconds(Durations.Parse("cancel-latency", cancelText, allowZero: true));
        double jitter = InvalidParameterException.RequireNonNegative("latency-jitter", parse.GetValue(_latencyJitter));
        var latency = new ReplaySession.LatencySpec(recorded, entry, cancel, jitter, seed, latencyText, cancelText ?? latencyText);
        return ReplaySession.Open(settings.Validate(), warmUp, latency, parse.GetValue(_queueModel)!, parse.GetValue(_requote)!, open);
    }
}
