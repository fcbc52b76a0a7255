using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Economics;
using MarketMaking.Research.Runs;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm breakeven</c>: the smallest profitable spread for given fees and slippage, and the daily PnL it implies.</summary>
internal static class BreakevenCommand
{
    public static Command Create(Terminal terminal)
    {
        var maker = new Option<double>("--maker-fee-bps") { Description = "maker fee per leg, bp of notional (negative: rebate)", DefaultValueFactory = _ => 0 };
        var taker = new Option<double>("--taker-fee-bps") { Description = "taker fee per leg, bp", DefaultValueFactory = _ => 0 };
        var slippage = new Option<double>("--slippage-bps") { Description = "slippage (adverse move) per leg, bp", DefaultValueFactory = _ => 0 };
        var target = new Option<double>("--target-bps") { Description = "net edge wanted per round trip, bp", DefaultValueFactory = _ => 0 };
        var spread = new Option<double?>("--spread-bps") { Description = "quoted spread for the daily PnL (default: the breakeven spread plus the target)" };
        var trades = new Option<double?>("--trades-per-day") { Description = "fills per day (pairs make round trips)" };
        var size = new Option<double?>("--trade-size") { Description = "notional of each fill, quote currency" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("breakeven", "Minimum profitable spread for given fees, rebates and slippage, and the expected daily PnL.") { maker, taker, slippage, target, spread, trades, size, json };
        command.SetAction(parse =>
        {
            var costs = new Breakeven(parse.GetValue(maker), parse.GetValue(taker), parse.GetValue(slippage), parse.GetValue(target)).Validate();
            // A quoted spread is ask minus bid: below zero the quotes would cross (NaN and ∞ printed NaN and ∞ bp).
            double quoted = parse.GetValue(spread) is { } given ? Core.Errors.InvalidParameterException.RequireNonNegative("spread-bps", given) : costs.MinimumSpreadBps;
            double? daily = parse.GetValue(trades) is { } n && parse.GetValue(size) is { } notional
                ? costs.DailyPnl(quoted, Core.Errors.InvalidParameterException.RequireNonNegative("trades-per-day", n), Core.Errors.InvalidParameterException.RequireNonNegative("trade-size", notional))
                : null;
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    costs.MinimumSpreadBps,
                    costs.MinimumSpreadWithTakerExitBps,
                    SpreadBps = quoted,
                    NetPerRoundTripBps = costs.NetPerRoundTripBps(quoted),
                    DailyPnl = daily,
                }));
                return 0;
            }

            var c = CultureInfo.InvariantCulture;
            terminal.Writer.WriteLine(string.Create(c, $"minimum spread, both legs passive: {costs.MinimumSpreadBps:F2} bp  (target {costs.TargetBps:G} + 2 × (maker {costs.MakerFeeBps:G} + slippage {costs.SlippageBps:G}))"));
            terminal.Writer.WriteLine(string.Create(c, $"minimum spread, one leg taken at the mid: {costs.MinimumSpreadWithTakerExitBps:F2} bp  (2 × (target + maker + taker + 2 × slippage))"));
            terminal.Writer.WriteLine(string.Create(c, $"net per passive round trip at {quoted:F2} bp: {costs.NetPerRoundTripBps(quoted):F2} bp"));
            if (daily is { } pnl)
            {
                terminal.Writer.WriteLine(string.Create(c, $"expected daily PnL: {pnl:N2} ({parse.GetValue(trades):G} fills of {parse.GetValue(size):G} = {parse.GetValue(trades) / 2:G} round trips)"));
            }

            return 0;
        });
        return command;
    }
}
