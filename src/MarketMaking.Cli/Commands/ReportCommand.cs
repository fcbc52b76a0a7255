using System.CommandLine;
using System.Text.Json;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm report runs/A runs/B …</c>: the results of several run folders side by side, every
/// strategy of every run as a row and every metric they share as a column, in the terminal and
/// as a self-contained HTML page.
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
            var rows = new List<(string Run, Dictionary<string, string> Values)>();
            foreach (string folder in parse.GetValue(folders)!)
            {
                rows.AddRange(Rows(folder));
            }

            // Columns every row has, in the order the first row lists them.
            string[] columns = [.. rows[0].Values.Keys.Where(k => rows.All(r => r.Values.ContainsKey(k)))];
            // One column per run, one row per metric: runs side by side.
            var table = new TableBlock(["metric", .. rows.Select(r => r.Run)], [.. columns.Select(c => (IReadOnlyList<string>)[c, .. rows.Select(r => r.Values[c])])], "metrics.json of each run folder");
            string path = parse.GetValue(output)!;
            OutputFiles.Write(path, w => w.Write(HtmlReportWriter.Render(new ReportDocument("mm report", string.Join(" vs ", parse.GetValue(folders)!), [new ReportSection("Runs side by side", [table])]))));

            var console = new Table().Border(TableBorder.Rounded);
            console.AddColumn("metric");
            foreach ((string run, _) in rows)
            {
                console.AddColumn(new TableColumn(Markup.Escape(run)).RightAligned());
            }

            foreach (string column in columns)
            {
                console.AddRow([Markup.Escape(column), .. rows.Select(r => Markup.Escape(r.Values[column]))]);
            }

            terminal.Console.Write(console);
            terminal.Writer.WriteLine($"report: {path}");
            return 0;
        });
        return command;
    }

    /// <summary>One row per result of a folder: "folder: strategy" and its scalar fields as text.</summary>
    private static List<(string Run, Dictionary<string, string> Values)> Rows(string folder)
    {
        string path = Path.Combine(folder, "metrics.json");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, 0, "file", $"cannot read: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, "json", "not valid JSON");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("results", out JsonElement results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
            {
                throw new DataFormatException(path, 0, "results", "missing or empty: not a run folder's metrics");
            }

            var rows = new List<(string Run, Dictionary<string, string> Values)>();
            foreach (JsonElement result in results.EnumerateArray())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (JsonProperty field in result.EnumerateObject())
                {
                    string? text = field.Value.ValueKind switch
                    {
                        JsonValueKind.Number => Formats.Compact(field.Value.GetDouble()),
                        JsonValueKind.String => field.Value.GetString(),
                        JsonValueKind.Null => "–",
                        _ => null,
                    };
                    if (text is not null && field.Name != "strategy")
                    {
                        values[field.Name] = text;
                    }
                }

                string strategy = result.TryGetProperty("strategy", out JsonElement s) ? s.GetString() ?? "?" : "?";
                rows.Add(($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}: {strategy}", values));
            }

            return rows;
        }
    }
}
