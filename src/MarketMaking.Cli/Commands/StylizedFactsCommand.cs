using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Configuration;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Agents;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm stylized-facts</c>: the statistics that show the agent-based market behaves like a real
/// one (<see cref="StylizedFactsRun"/>), each beside its target.
/// </summary>
internal static class StylizedFactsCommand
{
    public static Command Create(Terminal terminal)
    {
        var market = new Option<string>("--market") { Description = "lob (the agent-based order book)", DefaultValueFactory = _ => "lob" };
        var preset = new Option<string>("--preset") { Description = "market preset (liquid, thin, toxic) or a market .yaml file", DefaultValueFactory = _ => "liquid" };
        var seed = new Option<ulong>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var hours = new Option<double>("--hours") { Description = "hours of market to simulate", DefaultValueFactory = _ => 12 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("stylized-facts", "Statistics of the agent-based market against the stylized facts of real ones.") { market, preset, seed, hours, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(market) != "lob")
            {
                throw new InvalidParameterException("market", $"unknown market '{parse.GetValue(market)}'; known: lob");
            }

            double seconds = InvalidParameterException.RequirePositive("hours", parse.GetValue(hours)) * 3600;
            AgentMarketParameters parameters = AgentMarketPresets.Load(parse.GetValue(preset)!) with { Duration = seconds };
            StylizedFactsReport report = StylizedFactsRun.Measure(parameters, parse.GetValue(seed));
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(report));
                return 0;
            }

            Write(terminal, parse.GetValue(preset)!, report);
            return 0;
        });
        return command;
    }

    private static void Write(Terminal terminal, string preset, StylizedFactsReport r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"stylized facts: {preset}, {r.Minutes} minutes, {r.Trades:N0} trades"));
        table.AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned()).AddColumn("target").AddColumn("met");
        void Row(string statistic, string value, string target, bool met) =>
            table.AddRow(Markup.Escape(statistic), Markup.Escape(value), Markup.Escape(target), met ? "[green]yes[/]" : "[red]no[/]");
        Row("excess kurtosis of 1-minute returns", Formats.Fixed(r.ReturnExcessKurtosis, 2), "> 1 (fat tails)", r.ReturnExcessKurtosis > 1);
        Row("autocorrelation of |returns|, lags 1–10", string.Join(" ", r.AbsoluteReturnAutocorrelation.Select(x => Formats.Fixed(x, 2))), "> 0 (volatility clusters)", r.AbsoluteReturnAutocorrelation.All(x => x > 0));
        Row("lag-1 autocorrelation of trade-price changes", Formats.Fixed(r.TradePriceChangeAutocorrelation, 3), "< 0 (bid-ask bounce)", r.TradePriceChangeAutocorrelation < 0);
        Row("spread 1 / 2 / 3 / 4+ ticks (share of time)", string.Join(" / ", r.SpreadShares.Select(Formats.Percent)), "mostly one tick (liquid)", r.SpreadShares[0] > 0.5);
        Row(
            "impact of market orders by size (ticks)",
            string.Join("  ", r.ImpactBySize.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.MeanSize:F1} lots: {b.MeanImpact:F2}"))),
            "grows with size",
            r.ImpactBySize.Zip(r.ImpactBySize.Skip(1)).All(pair => pair.Second.MeanImpact > pair.First.MeanImpact));
        Row(
            "impact exponent β (impact ∝ size^β, 95% interval)",
            string.Create(CultureInfo.InvariantCulture, $"{r.ImpactExponent.Value:F2} [{r.ImpactExponent.Lower:F2}, {r.ImpactExponent.Upper:F2}]"),
            "< 1: concave (real books ≈ 0.5)",
            r.ImpactIsConcave);
        Row($"{StylizedFactsRun.MarkoutHorizon:G}-second markout of a naive touch quoter (ticks)", Formats.Fixed(r.NaiveMarkoutTicks, 3), "< 0 on a toxic market (adverse selection)", r.NaiveMarkoutTicks < 0);
        terminal.Console.Write(table);
    }
}
