using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;

namespace MarketMaking.Research.Runs;

/// <summary>
/// Run folders side by side: every result (strategy on a market) of every folder's metrics.json as
/// a run, and every scalar metric any of them has, in the order first met: metrics as rows, runs as
/// columns. Runs of different commands (a backtest and a simulation) have different metrics, and
/// none is dropped for the other lacking it. What <c>mm report</c> shows.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(IReadOnlyList<string> folders, IReadOnlyList<(ComparedRun Run, Dictionary<string, JsonElement> Values)> runs)
    {
        Folders = folders;
        Columns = [.. runs.Select(r => r.Run)];
        Runs = [.. Columns.Select(r => r.Name)];
        RunMetrics = [.. runs.Select(r => r.Values)];
        Metrics = [.. runs.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal)];
        Values = [.. Metrics.Select(m => Row([.. runs.Select(r => r.Values.TryGetValue(m, out JsonElement v) ? v : (JsonElement?)null)]))];
    }

    /// <summary>The folders compared.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>One per result, in folder order: folder, strategy and market.</summary>
    public IReadOnlyList<ComparedRun> Columns { get; }

    /// <summary>One name per result: "folder: strategy on market".</summary>
    public IReadOnlyList<string> Runs { get; }

    /// <summary>The metrics any result has, in the order first met.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Per metric, each run's value as text (numbers in <see cref="Formats.Compact"/> form, whole numbers as such where every run's is one, a dash where undefined or missing).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Values { get; }

    /// <summary>Per run, its scalar metrics as its metrics.json writes them (numbers to the last digit, integers as integers, null where undefined).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> RunMetrics { get; }

    // A run's cell for a metric it does not have, as for one undefined.
    private const string Missing = "–";

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

    /// <summary>One row per result of a folder: where it comes from and its scalar fields (numbers, text, null).</summary>
    private static List<(ComparedRun Run, Dictionary<string, JsonElement> Values)> Results(string folder)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        string runMarket = RunMarket(folder);
        string path = Path.Combine(folder, RunFolder.MetricsFileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw RunFolder.Missing(folder, RunFolder.MetricsFileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DataFormatException.Unreadable(path, e);
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

            var rows = new List<(ComparedRun Run, Dictionary<string, JsonElement> Values)>();
            foreach (JsonElement result in results.EnumerateArray())
            {
                // Clones outlive the document.
                Dictionary<string, JsonElement> values = result.EnumerateObject()
                    .Where(f => (f.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null) && f.Name is not ("strategy" or "market"))
                    .ToDictionary(f => f.Name, f => f.Value.Clone(), StringComparer.Ordinal);
                string strategy = result.TryGetProperty("strategy", out JsonElement s) ? s.GetString() ?? "?" : "?";
                string market = result.TryGetProperty("market", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : runMarket;
                rows.Add((new ComparedRun(name, strategy, market), values));
            }

            return rows;
        }
    }

    /// <summary>
    /// One metric's cells: a number in <see cref="Formats.Compact"/> form, text as written, a dash for null or
    /// missing; a row whose every number is whole (counts: sims, orders, rejections) shows them without
    /// decimals ("1000", not "1000.0"; "0", not "0.0000").
    /// </summary>
    private static string[] Row(JsonElement?[] values)
    {
        bool whole = values.All(v => v is not { ValueKind: JsonValueKind.Number } n || n.TryGetInt64(out _));
        return [.. values.Select(v => v switch
        {
            { ValueKind: JsonValueKind.Number } n when whole => n.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            { ValueKind: JsonValueKind.Number } n => Formats.Compact(n.GetDouble()),
            { ValueKind: JsonValueKind.String } t => t.GetString()!,
            _ => Missing,
        })];
    }

    /// <summary>
    /// The market of a run whose results do not name theirs, from its config.json: the market, else
    /// the data file (backtests), else the command; "?" when the folder has no readable config.
    /// </summary>
    private static string RunMarket(string folder)
    {
        try
        {
            using JsonDocument config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, RunFolder.ConfigFileName)));
            JsonElement root = config.RootElement;
            if (root.TryGetProperty("market", out JsonElement market) && market.ValueKind == JsonValueKind.String)
            {
                return market.GetString()!;
            }

            if (root.TryGetProperty("settings", out JsonElement settings) && settings.ValueKind == JsonValueKind.Object
                && settings.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.String)
            {
                // "PATH (FORMAT)": the file's name says which market.
                string text = data.GetString()!;
                int format = text.LastIndexOf(" (", StringComparison.Ordinal);
                return Path.GetFileName(format > 0 ? text[..format] : text);
            }

            return root.TryGetProperty("command", out JsonElement command) && command.ValueKind == JsonValueKind.String ? command.GetString()! : "?";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return "?";
        }
    }
}
