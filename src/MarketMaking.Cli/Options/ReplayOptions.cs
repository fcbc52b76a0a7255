using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Research;
using MarketMaking.Research.Replay;

namespace MarketMaking.Cli.Options;

/// <summary>
/// How recorded L2 data is replayed, shared by <c>mm backtest</c> and <c>mm tune --market replay</c>
/// so both run a point through the same market: instrument parts, bad-row policy, queue model,
/// latency, requote interval, calibration window and taker fee, translated into a
/// <see cref="ReplaySetup"/>. Options a command shares with its other markets (maker fee, lot
/// size, seed) are passed in by the command.
/// </summary>
internal sealed class ReplayOptions
{
    private readonly Option<string?> _symbol = new("--symbol") { Description = "instrument symbol (default: from the data)" };
    private readonly Option<double?> _tickSize = new("--tick-size") { Description = "price grid (default: inferred from the data's decimals)" };
    private readonly Option<double?> _takerFee = new("--taker-fee") { Description = "taker fee rate" };
    private readonly Option<string> _onBadRow = new("--on-bad-row") { Description = "stop or skip (skips are counted in the report)", DefaultValueFactory = _ => "stop" };
    private readonly Option<string?> _queueModel = new("--queue-model") { Description = "risk-averse (default), power or log; model queues only" };
    private readonly Option<double?> _queuePower = new("--queue-power") { Description = "exponent n of the power queue model (default 2)" };
    private readonly Option<string?> _queues = new("--queues") { Description = "exact: our orders in the real queues of order-by-order data (lobster, dbn-mbo); model: shadow queues with --queue-model on its L2 view (default: exact on order-by-order data)" };
    private readonly Option<bool> _ownImpact = new("--own-impact") { Description = "exact queues: our fills take their size from the recorded executions (the report says how much of the tape changed)" };
    private readonly Option<string> _latency = new("--latency") { Description = "order entry latency, e.g. 5ms; 'recorded' draws each from the data's own receive delays (local − exchange time)", DefaultValueFactory = _ => "0ms" };
    private readonly Option<string?> _cancelLatency = new("--cancel-latency") { Description = "cancel latency (default: the entry latency)" };
    private readonly Option<double> _latencyJitter = new("--latency-jitter") { Description = "log-std of a lognormal latency around the median (0: constant)", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _requote = new("--requote-interval") { Description = "least time between decisions (a fill triggers one at once)", DefaultValueFactory = _ => "100ms" };
    private readonly Option<string> _calibrate = new("--calibrate") { Description = "data at the start used to calibrate σ, A, κ and not traded (0s: none)", DefaultValueFactory = _ => "60s" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _symbol, _tickSize, _takerFee, _onBadRow, _queueModel, _queuePower, _queues, _ownImpact, _latency, _cancelLatency, _latencyJitter, _requote, _calibrate })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Refuses an option only a replay of market events reads (queues, latency, requote interval,
    /// calibration window) when <paramref name="run"/> replays none: there it would change nothing.
    /// </summary>
    /// <exception cref="InvalidParameterException">Such an option is given.</exception>
    public void RefuseReplayOnly(ParseResult parse, string run)
    {
        Option[] replayOnly = [_queueModel, _queuePower, _queues, _ownImpact, _latency, _cancelLatency, _latencyJitter, _requote, _calibrate];
        if (replayOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } ignored)
        {
            throw new InvalidParameterException(ignored.Name.TrimStart('-'), $"{run} does not read {ignored.Name}: only a replay of order-book data does");
        }
    }

    public string? Symbol(ParseResult parse) => parse.GetValue(_symbol);

    public double? TickSize(ParseResult parse) => parse.GetValue(_tickSize);

    public double? TakerFee(ParseResult parse) => parse.GetValue(_takerFee);

    public BadRowPolicy Policy(ParseResult parse) => BadRowText.ParsePolicy(parse.GetValue(_onBadRow)!);

    /// <summary>How to read the data file: symbol, tick and lot (inferred when not given), bad-row policy.</summary>
    public MarketDataOptions DataOptions(ParseResult parse, double? lotSize) =>
        new() { Symbol = Symbol(parse), TickSize = TickSize(parse), LotSize = lotSize, OnBadRow = Policy(parse) };

    /// <summary>
    /// The replay settings the options give, checked (every option before the data is touched):
    /// strings become typed settings here. <paramref name="makerFee"/> and <paramref name="seed"/>
    /// are options a command shares with its other markets.
    /// </summary>
    public ReplaySetup Setup(ParseResult parse, double? makerFee, int seed)
    {
        TimeSpan calibration = Durations.Parse("calibrate", parse.GetValue(_calibrate)!, allowZero: true);
        string? model = parse.GetValue(_queueModel);
        double? power = parse.GetValue(_queuePower);
        if (power is not null && model != "power")
        {
            throw new InvalidParameterException("queue-power", "only --queue-model power reads it");
        }

        // Null when not given: exact queues read no model, and refuse one that was chosen.
        QueueModelSpec? queue = model switch
        {
            null => null,
            "risk-averse" => QueueModelSpec.RiskAverse,
            "power" => QueueModelSpec.Power(power ?? 2),
            "log" => QueueModelSpec.Log,
            var other => throw new InvalidParameterException("queue-model", $"unknown model '{other}'; known: risk-averse, power, log"),
        };
        TimeSpan requote = Durations.Parse("requote-interval", parse.GetValue(_requote)!, allowZero: true);
        string latencyText = parse.GetValue(_latency)!;
        bool recorded = latencyText == "recorded";
        TimeSpan entry = recorded ? TimeSpan.Zero : Durations.Parse("latency", latencyText, allowZero: true);
        TimeSpan? cancel = parse.GetValue(_cancelLatency) is { } cancelText ? Durations.Parse("cancel-latency", cancelText, allowZero: true) : null;
        var latency = new LatencySpec { Recorded = recorded, Entry = entry, Cancel = cancel, Jitter = parse.GetValue(_latencyJitter) };
        bool? exact = parse.GetValue(_queues) switch
        {
            null => null,
            "exact" => true,
            "model" => false,
            var other => throw new InvalidParameterException("queues", $"expected exact or model, got '{other}'"),
        };
        return new ReplaySetup
        {
            QueueModel = queue,
            ExactQueues = exact,
            OwnImpact = parse.GetValue(_ownImpact),
            Latency = latency,
            RequoteInterval = requote,
            CalibrationWindow = calibration,
            MakerFeeRate = makerFee,
            TakerFeeRate = TakerFee(parse),
            Seed = seed,
        }.Validate();
    }
}
