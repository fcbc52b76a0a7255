using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Research;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Trading.Paper;

namespace MarketMaking.Cli.Options;

/// <summary>
/// How <c>mm trade --paper</c> simulates our orders: the replay's queue and latency models (built
/// from the Simulation types, as <c>mm backtest</c> builds them) and the fees.
/// </summary>
internal sealed class PaperOptions
{
    private readonly Option<string> _queueModel = new("--queue-model") { Description = "paper: risk-averse, power or log", DefaultValueFactory = _ => "risk-averse" };
    private readonly Option<double> _queuePower = new("--queue-power") { Description = "paper: exponent n of the power queue model", DefaultValueFactory = _ => 2 };
    private readonly Option<string> _latency = new("--latency") { Description = "paper: order entry latency, e.g. 5ms", DefaultValueFactory = _ => "0ms" };
    private readonly Option<string?> _cancelLatency = new("--cancel-latency") { Description = "paper: cancel latency (default: the entry latency)" };
    private readonly Option<double> _latencyJitter = new("--latency-jitter") { Description = "paper: log-std of a lognormal latency around the median (0: constant)", DefaultValueFactory = _ => 0 };
    private readonly Option<decimal> _makerFee = new("--maker-fee") { Description = "paper: maker fee rate (negative: rebate)", DefaultValueFactory = _ => 0.0002m };
    private readonly Option<decimal> _takerFee = new("--taker-fee") { Description = "paper: taker fee rate", DefaultValueFactory = _ => 0.00055m };
    private readonly Option<int> _seed = new("--seed") { Description = "paper: seed of a random latency", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _queueModel, _queuePower, _latency, _cancelLatency, _latencyJitter, _makerFee, _takerFee, _seed })
        {
            command.Options.Add(option);
        }
    }

    public PaperSettings Settings(ParseResult parse)
    {
        long entry = Durations.Nanoseconds(Durations.Parse("latency", parse.GetValue(_latency)!, allowZero: true));
        long cancel = parse.GetValue(_cancelLatency) is { } text ? Durations.Nanoseconds(Durations.Parse("cancel-latency", text, allowZero: true)) : entry;
        double jitter = InvalidParameterException.RequireNonNegative("latency-jitter", parse.GetValue(_latencyJitter));
        return new PaperSettings
        {
            QueueModel = parse.GetValue(_queueModel) switch
            {
                "risk-averse" => new RiskAverseQueueModel(),
                "power" => ProbabilisticQueueModel.Power(parse.GetValue(_queuePower)),
                "log" => ProbabilisticQueueModel.Log(),
                var other => throw new InvalidParameterException("queue-model", $"unknown model '{other}'; known: risk-averse, power, log"),
            },
            Latency = jitter > 0 && entry > 0 ? new LognormalLatency(entry, jitter, parse.GetValue(_seed)) : new ConstantLatency(entry, cancel),
            MakerFeeRate = parse.GetValue(_makerFee),
            TakerFeeRate = parse.GetValue(_takerFee),
        }.Validate();
    }
}
