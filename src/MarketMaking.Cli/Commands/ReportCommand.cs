using System.CommandLine;
using MarketMaking.Reporting;
using MarketMaking.Research.Runs;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm report runs/A runs/B …</c>: the results of several run folders side by side
/// (<see cref="RunComparison"/>), metrics as rows and runs as columns headed by folder, strategy
/// and market, in the terminal (as many tables as it takes to fit its width) and as a
/// self-contained HTML page; <c>--json</c> gives each run's metrics unrounded.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(Terminal terminal)
    {
        var folders = new Argument<string[]>("folders") { Description = "run folders (each holds metrics.json)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "HTML file to write", DefaultValueFactory = _ => "runs/compare.html" };
        var json = new Option<bool>("--json") { Description = "print {\"runs\":[{\"folder\",\"strategy\",\"market\",\"metrics\":{…}}],\"report\"}: each run's metrics as its metrics.json holds them, numbers unrounded" };
        var command = new Command("report", "Compare run folders side by side.") { folders, output, json };
        command.SetAction(parse =>
        {
            var comparison = RunComparison.Read(parse.GetValue(folders)!);
            string path = parse.GetValue(output)!;
            OutputFiles.Write(path, w => w.Write(HtmlReportWriter.Render(comparison.Report())));
            if (parse.GetValue(json))
            {
                terminal.Writer.WriteLine(Json.Serialize(new
                {
                    Runs = comparison.Columns.Select((run, j) => new
                    {
                        run.Folder,
                        run.Strategy,
                        run.Market,
                        Metrics = comparison.RunMetrics[j],
                    }),
                    Report = path,
                }));
                return 0;
            }

            foreach (int[] columns in Chunks(comparison, terminal.Console.Profile.Width))
            {
                var table = new Table().Border(TableBorder.Rounded);
                table.AddColumn("metric");
                foreach (int j in columns)
                {
                    table.AddColumn(new TableColumn(Markup.Escape(Header(comparison.Columns[j]))).RightAligned());
                }

                for (int i = 0; i < comparison.Metrics.Count; i++)
                {
                    table.AddRow([Markup.Escape(comparison.Metrics[i]), .. columns.Select(j => Markup.Escape(comparison.Values[i][j]))]);
                }

                terminal.Console.Write(table);
            }

            terminal.Writer.WriteLine($"report: {path}");
            return 0;
        });
        return command;
    }

    /// <summary>A column's header on three short lines (folder, strategy, "on market"), so many runs fit side by side.</summary>
    private static string Header(ComparedRun run) => $"{run.Folder}\n{run.Strategy}\non {run.Market}";

    /// <summary>The runs in groups whose tables fit <paramref name="width"/> characters, each repeating the metric column.</summary>
    private static List<int[]> Chunks(RunComparison comparison, int width)
    {
        const int Border = 3; // "│ " before a cell and the space after it
        int metricWidth = comparison.Metrics.Append("metric").Max(m => m.Length) + Border + 1;
        var chunks = new List<int[]>();
        var current = new List<int>();
        int used = metricWidth;
        for (int j = 0; j < comparison.Columns.Count; j++)
        {
            int cell = Header(comparison.Columns[j]).Split('\n').Append(string.Empty).Concat(comparison.Values.Select(v => v[j])).Max(t => t.Length) + Border;
            if (current.Count > 0 && used + cell > width)
            {
                chunks.Add([.. current]);
                current.Clear();
                used = metricWidth;
            }

            current.Add(j);
            used += cell;
        }

        chunks.Add([.. current]);
        return chunks;
    }
}
