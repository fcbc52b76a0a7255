using System.CommandLine;
using System.Globalization;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Research;
using MarketMaking.Research.Judging;
using MarketMaking.Research.Replay;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Research.Simulations;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm judge</c>: a real trading day as the judge (<see cref="DayJudge"/>): fit on the morning,
/// judge every strategy block by block on the afternoon, paired with AS and GLFT, and score the
/// adverse-selection detector out of sample.
/// </summary>
internal static class JudgeCommand
{
    public static Command Create(Terminal terminal)
    {
        var defaults = new DayJudgeSettings();
        var data = new Option<string>("--data") { Description = "a whole trading day (e.g. a LOBSTER zip)", Required = true };
        var format = new Option<string?>("--format") { Description = $"data format (an .mmev file needs none): {string.Join(", ", MarketDataFormats.Names)}" };
        var open = new Option<string>("--open") { Description = "start of the morning, New York time", DefaultValueFactory = _ => "09:30" };
        var split = new Option<string>("--split") { Description = "end of the morning (fit) and start of the afternoon (judge), New York time", DefaultValueFactory = _ => "12:00" };
        var close = new Option<string>("--close") { Description = "end of the afternoon, New York time", DefaultValueFactory = _ => "16:00" };
        var block = new Option<string>("--block") { Description = "length of each afternoon block (the unit of pairing)", DefaultValueFactory = _ => "30m" };
        var strategies = new Option<string>("--strategy") { Description = "comma-separated strategies (NAME, NAME+guard, nn-spread)", DefaultValueFactory = _ => string.Join(',', DayJudgeSettings.DefaultStrategies) };
        var latency = new Option<string>("--latency") { Description = "order entry and cancel latency", DefaultValueFactory = _ => "0ms" };
        var penalty = new Option<double?>("--inventory-penalty") { Description = "λ of the risk-adjusted score PnL − ∫λq²dt (default: ½γσ² with the morning's σ)" };
        var detectorHorizon = new Option<double>("--detector-horizon") { Description = "seconds from a fill to the markout that labels it adverse", DefaultValueFactory = _ => defaults.DetectorHorizon };
        var agent = new Option<string?>("--agent") { Description = "policy file of mm train --env tape (trained on this day's morning), judged as rl-KIND" };
        var seed = new Option<int>("--seed") { Description = "seed of the spread predictor's training", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("judge", "A real trading day as the judge: calibrate and train on the morning, compare strategies on the afternoon's blocks with paired intervals, score the adverse-selection detector out of sample.")
        {
            data, format, open, split, close, block, strategies, latency, penalty, detectorHorizon, agent, seed, json,
        };
        command.SetAction(async parse =>
        {
            string path = parse.GetValue(data)!;
            string formatName = MarketDataFormats.NamedOrDetected(parse.GetValue(format), path) ?? throw new InvalidParameterException("format", "name the format of --data");
            MarketDataFormats.Parse(formatName);
            var settings = new DayJudgeSettings
            {
                Open = Clocks.Parse("open", parse.GetValue(open)!),
                Split = Clocks.Parse("split", parse.GetValue(split)!),
                Close = Clocks.Parse("close", parse.GetValue(close)!),
                Block = Durations.Parse("block", parse.GetValue(block)!),
                Strategies = parse.GetValue(strategies)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Replay = new ReplaySetup { Latency = LatencySpec.Constant(Durations.Parse("latency", parse.GetValue(latency)!, allowZero: true)) },
                InventoryPenalty = parse.GetValue(penalty),
                DetectorHorizon = parse.GetValue(detectorHorizon),
                Agent = parse.GetValue(agent),
                Seed = parse.GetValue(seed),
            }.Validate();

            // The agent's recorded environment, checked before the day is read: other data or hours are judged, other dynamics and the judged hours themselves refused.
            if (settings.Agent is { } policy && File.Exists(policy)
                && JudgedAgentRecord.Check(policy, settings.Replay.Latency.Entry, parse.GetResult(latency) is { Implicit: false }, path, settings.Split) is { } note)
            {
                terminal.Error.WriteLine(note);
            }

            ReplayEvents events = ReplayEvents.Load(path, formatName, new MarketDataOptions());
            DayJudgement? judged = null;

            // One step per announcement: calibration, detector, spread predictor (when run), each strategy.
            await ProgressBars.RunAsync(terminal, "judge", DayJudge.Steps(settings), task =>
            {
                judged = DayJudge.Run(events, path, settings, step =>
                {
                    task.Description = $"judge: {step}";
                    task.Increment(1);
                });
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            DayJudgement day = judged!;
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(day));
                return 0;
            }

            Write(terminal.Writer, day);
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter writer, DayJudgement day)
    {
        var c = CultureInfo.InvariantCulture;
        TradingDaySchedule s = day.Schedule;
        writer.WriteLine($"{day.Data}: {s.Day:yyyy-MM-dd}, fitted on the morning to {s.Blocks[0].Start:HH\\:mm}, judged on {s.Blocks.Count} afternoon blocks of {Durations.Format(s.Block)} (New York time)");
        writer.WriteLine(string.Create(c, $"calibration (morning): σ {day.Calibration.Sigma.Value:G4} per √s, A {day.Calibration.A.Value:G4}/s, κ {day.Calibration.Kappa.Value:G4} per price unit; risk-adjusted = PnL − ∫λq²dt, λ {day.InventoryPenalty:G4}"));
        writer.WriteLine($"execution: {day.Execution}");
        writer.WriteLine();
        writer.WriteLine("net PnL per block:");
        writer.WriteLine($"  {"strategy",-12}{string.Concat(s.Blocks.Select(b => b.Start.ToString("HH:mm", c).PadLeft(10)))}{"total",11}{"fills",8}");
        foreach (JudgedStrategy j in day.Strategies)
        {
            writer.WriteLine(string.Create(c, $"  {j.Strategy,-12}{string.Concat(j.Blocks.Select(b => $"{Formats.Fixed(b.NetPnl, 2),10}"))}{Formats.Fixed(j.NetPnl, 2),11}{j.Fills,8}"));
        }

        writer.WriteLine();
        writer.WriteLine($"paired over the {s.Blocks.Count} blocks (candidate − baseline, t 95%):");
        foreach (PairedComparison p in day.Comparisons)
        {
            writer.WriteLine($"  {p.Candidate} − {p.Baseline}: {p.Describe()}");
        }

        DetectorJudgement d = day.Detector;
        writer.WriteLine();
        writer.WriteLine(string.Create(c, $"adverse-selection detector ({d.Strategy} quoter, markout after {d.Horizon:G} s): trained on {d.TrainFills} morning fills ({d.TrainAdverse} adverse), tested on {d.Test.Count} afternoon fills (base rate {d.Test.BaseRate:F3})"));
        writer.WriteLine(string.Create(c, $"  afternoon AUC {d.Test.Auc:F3} (Hanley–McNeil 95% [{d.AucInterval.Lower:F3}, {d.AucInterval.Upper:F3}]), log-loss {d.Test.LogLoss:F4}, Brier {d.Test.Brier:F4}"));
        if (day.SpreadSamples > 0)
        {
            writer.WriteLine($"spread predictor: trained on {day.SpreadSamples} morning samples");
        }

        if (!day.Strategies.Any(j => j.Strategy.StartsWith("rl-", StringComparison.Ordinal)))
        {
            writer.WriteLine("RL agents: none judged (give --agent FILE from mm train --env tape)");
        }
    }
}
