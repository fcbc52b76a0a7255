using System.CommandLine;
using MarketMaking.Reporting;
using MarketMaking.Research.Runs;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm report runs/A runs/B …</c>: the results of several run folders side by side
/// (<see cref="RunComparison"/>), in the terminal and as a self-contained HTML page.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(Terminal terminal)
    {
        var folders = new Argument<string[]>("folders") { Description = "run folders (each holds metrics.json)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => "compare.html" };
        var command = new Command("report", "Compare run folders side by side.") { folders, output };
        command.SetAction(parse =>
        {
            var comparison = RunComparison.Read(parse.GetValue(folders)!);
            string path = parse.GetValue(output)!;
            OutputFiles.Write(path, w => w.Write(HtmlReportWriter.Render(comparison.Report())));

            var console = new Table().Border(TableBorder.Rounded);
            console.AddColumn("metric");
            foreach (string run in comparison.Runs)
            {
                console.AddColumn(new TableColumn(Markup.Escape(run)).RightAligned());
            }

            for (int i = 0; i < comparison.Metrics.Count; i++)
            {
                console.AddRow([Markup.Escape(comparison.Metrics[i]), .. comparison.Values[i].Select(Markup.Escape)]);
            }

            terminal.Console.Write(console);
            terminal.Writer.WriteLine($"report: {path}");
            return 0;
        });
        return command;
    }
}
