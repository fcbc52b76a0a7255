using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Research;
using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Cli.Options;

/// <summary>The options of a hedged backtest (<c>mm backtest --data F1 --data F2 --hedge …</c>).</summary>
internal sealed class HedgeOptions
{
    private readonly Option<string?> _hedge = new("--hedge") { Description = "with two or more --data files: beta (rolling-regression hedge on the others), cross-venue (make on the first, hedge every fill on the others), none" };
    private readonly Option<double> _threshold = new("--hedge-threshold") { Description = "beta: unhedged exposure in quote currency above which a taker hedge is sent", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _window = new("--hedge-window") { Description = "beta: returns in the rolling regression (no hedge before it is full)", DefaultValueFactory = _ => 120 };
    private readonly Option<string> _interval = new("--hedge-interval") { Description = "return sampling period of both mids", DefaultValueFactory = _ => "1s" };
    private readonly Option<string> _block = new("--hedge-block") { Description = "time blocks over which hedged and unhedged PnL variance are compared", DefaultValueFactory = _ => "10s" };
    private readonly Option<double?> _hedgeTakerFee = new("--hedge-taker-fee") { Description = "taker fee rate on the hedge instrument (default: --taker-fee, else the data's)" };
    private readonly Option<double> _minProfitability = new("--min-profitability") { Description = "cross-venue: least edge per fill after both venues' fees, fraction of notional", DefaultValueFactory = _ => 0.0001 };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _hedge, _threshold, _window, _interval, _block, _hedgeTakerFee, _minProfitability })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The hedge mode asked for; null without --hedge.</summary>
    public HedgeMode? Mode(ParseResult parse) => parse.GetValue(_hedge) switch
    {
        null => null,
        "none" => HedgeMode.None,
        "beta" => HedgeMode.Beta,
        "cross-venue" => HedgeMode.CrossVenue,
        var other => throw new InvalidParameterException("hedge", $"expected beta, cross-venue or none, got '{other}'"),
    };

    /// <summary>
    /// Refuses a hedge option the run does not read: every one without --hedge (a one-file backtest,
    /// an arbitrage scan), the threshold but with beta (cross-venue hedges every fill, none sends no
    /// hedge), the least edge but with cross-venue (the only mode that prices quotes from the hedge
    /// book). Silently ignored, --hedge-threshold 500 on one file printed the unhedged run as asked.
    /// </summary>
    public void RefuseUnread(ParseResult parse, HedgeMode? mode)
    {
        Option[] given = [.. new Option[] { _threshold, _window, _interval, _block, _hedgeTakerFee, _minProfitability }.Where(o => parse.GetResult(o) is { Implicit: false })];
        if (mode is null && given.Length > 0)
        {
            throw new InvalidParameterException(given[0].Name.TrimStart('-'), $"{given[0].Name} is read by a hedged backtest only: give the hedge instrument as a second --data and --hedge beta, cross-venue or none");
        }

        if (mode is not HedgeMode.Beta && given.Contains(_threshold))
        {
            throw new InvalidParameterException("hedge-threshold", $"--hedge {Name(mode)} does not read --hedge-threshold: only --hedge beta waits for the exposure to pass a threshold");
        }

        if (mode is not HedgeMode.CrossVenue && given.Contains(_minProfitability))
        {
            throw new InvalidParameterException("min-profitability", $"--hedge {Name(mode)} does not read --min-profitability: only --hedge cross-venue prices its quotes from the hedge book");
        }
    }

    public HedgeSettings Settings(ParseResult parse, HedgeMode mode) => new HedgeSettings
    {
        Mode = mode,
        Threshold = parse.GetValue(_threshold),
        Window = parse.GetValue(_window),
        SampleInterval = Durations.Nanoseconds(Durations.Parse("hedge-interval", parse.GetValue(_interval)!)),
    }.Validate();

    public double BlockSeconds(ParseResult parse) => Durations.Parse("hedge-block", parse.GetValue(_block)!).TotalSeconds;

    public double? HedgeTakerFee(ParseResult parse) =>
        parse.GetValue(_hedgeTakerFee) is { } fee ? InvalidParameterException.RequireFeeRate("hedge-taker-fee", fee, maker: false) : null;

    public double MinProfitability(ParseResult parse) => InvalidParameterException.RequireNonNegative("min-profitability", parse.GetValue(_minProfitability));

    private static string Name(HedgeMode? mode) => mode switch
    {
        HedgeMode.Beta => "beta",
        HedgeMode.CrossVenue => "cross-venue",
        _ => "none",
    };
}
