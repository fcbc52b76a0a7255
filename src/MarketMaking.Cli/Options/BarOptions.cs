using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Research.Backtests;
using MarketMaking.Simulation.Bars;

namespace MarketMaking.Cli.Options;

/// <summary>
/// How quotes fill on bars, shared by <c>mm backtest --bars</c> and <c>mm tune --market bars</c>
/// so a tuned point runs through the same market as its backtest. Options a command shares with
/// its other markets (instrument parts, slippage, seed) are passed in by the command.
/// </summary>
internal sealed class BarOptions
{
    private readonly Option<string> _fillRule = new("--fill-on") { Description = "bars: through, touch or probability", DefaultValueFactory = _ => "through" };
    private readonly Option<double> _touchProbability = new("--touch-probability") { Description = "bars: fill probability on a touch", DefaultValueFactory = _ => 0.5 };

    public void AddTo(Command command)
    {
        command.Options.Add(_fillRule);
        command.Options.Add(_touchProbability);
    }

    /// <summary>The fill settings, checked.</summary>
    public BarSettings Settings(ParseResult parse, double slippageBps, int seed) => new BarSettings
    {
        FillRule = parse.GetValue(_fillRule) switch
        {
            "through" => BarFillRule.Through,
            "touch" => BarFillRule.Touch,
            "probability" => BarFillRule.TouchWithProbability,
            var other => throw new InvalidParameterException("fill-on", $"unknown rule '{other}'; known: through, touch, probability"),
        },
        TouchFillProbability = parse.GetValue(_touchProbability),
        SlippageBps = slippageBps,
        Seed = seed,
    }.Validate();

    /// <summary>The bar file's instrument from the shared options (<see cref="BarFiles.InstrumentOf"/>).</summary>
    public static Instrument Instrument(ParseResult parse, string path, ReplayOptions replay, double? lotSize, double? makerFee) =>
        BarFiles.InstrumentOf(
            path, replay.Symbol(parse), replay.TickSize(parse), lotSize,
            makerFee is { } maker ? InvalidParameterException.RequireFeeRate("maker-fee", maker, maker: true) : null,
            replay.TakerFee(parse) is { } taker ? InvalidParameterException.RequireFeeRate("taker-fee", taker, maker: false) : null);
}
