using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;

namespace MarketMaking.Research.Runs;

/// <summary>
/// Run folders side by side: every result (strategy) of every folder's metrics.json as a run, and
/// every scalar metric they all share, in the order the first lists them. What <c>mm report</c> shows.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(IReadOnlyList<string> folders, IReadOnlyList<(string Run, Dictionary<string, string> Values)> runs)
    {
        Folders = folders;
        Runs = [.. runs.Select(r => r.Run)];
        Metrics = [.. runs[0].Values.Keys.Where(k => runs.All(r => r.Values.ContainsKey(k)))];
        Values = [.. Metrics.Select(m => (IReadOnlyList<string>)[.. runs.Select(r => r.Values[m])])];
    }

    /// <summary>The folders compared.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>One name per result: "folder: strategy".</summary>
    public IReadOnlyList<string> Runs { get; }

    /// <summary>The metrics every result has.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Per metric, each run's value as text (numbers in <see cref="Formats.Compact"/> form, a dash where undefined).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Values { get; }

    /// <summary>Reads the metrics.json of every folder.</summary>
    /// <exception cref="DataFormatException">A folder has no readable metrics.json, or it holds no results.</exception>
    public static RunComparison Read(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        return new RunComparison(folders, [.. folders.SelectMany(Results)]);
    }

    /// <summary>The comparison as a self-contained report: one column per run, one row per metric.</summary>
    public ReportDocument Report() => new("mm report", string.Join(" vs ", Folders), [new ReportSection("Runs side by side", [
        new TableBlock(["metric", .. Runs], [.. Metrics.Select((m, i) => (IReadOnlyList<string>)[m, .. Values[i]])], "metrics.json of each run folder"),
    ])]);

    /// <summary>One row per result of a folder: "folder: strategy" and its scalar fields as text.</summary>
    private static List<(string Run, Dictionary<string, string> Values)> Results(string folder)
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
