using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// A sweep's results as CSV, one line per finished point, appended and flushed as points finish,
/// so an interrupted sweep loses nothing and a rerun skips the points already in the file. The
/// columns: index, key, one per parameter, then the metrics of <see cref="SweepResult"/>.
/// </summary>
public sealed class SweepResultsFile : IDisposable
{
    private const string Metrics = "objective,pnl,sharpe,utility,max_drawdown,fills,mean_abs_q";
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    private SweepResultsFile(StreamWriter writer) => _writer = writer;

    /// <summary>The header line of a sweep over <paramref name="parameters"/>.</summary>
    public static string Header(IEnumerable<string> parameters) => $"index,key,{string.Join(',', parameters)},{Metrics}";

    /// <summary>The keys already done and the rows, from an earlier run or shard (empty when the file does not exist).</summary>
    /// <exception cref="DataFormatException">The file holds another sweep (its header differs).</exception>
    public static List<(string Key, string[] Cells)> Read(string path, string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var rows = new List<(string, string[])>();
        if (!File.Exists(path))
        {
            return rows;
        }

        string[] lines = File.ReadAllLines(path);
        if (lines.Length > 0 && lines[0] != header)
        {
            throw new DataFormatException(path, 1, "header", $"the file holds another sweep ({lines[0]}); expected {header}");
        }

        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            if (cells.Length != header.Split(',').Length)
            {
                continue; // a line cut short when the run was stopped: that point runs again
            }

            rows.Add((cells[1], cells));
        }

        return rows;
    }

    /// <summary>Opens <paramref name="path"/> to append to, writing the header when the file is new or empty.</summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static SweepResultsFile Open(string path, string header)
    {
        bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
        StreamWriter writer;
        try
        {
            writer = exists ? new StreamWriter(path, append: true) : OutputFiles.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message);
        }

        if (!exists)
        {
            writer.WriteLine(header);
            writer.Flush();
        }

        return new SweepResultsFile(writer);
    }

    /// <summary>
    /// Joins the result files of a sharded sweep into <paramref name="output"/>, ordered by point
    /// index; the first result of each point is kept. Returns the number of points written.
    /// </summary>
    /// <exception cref="DataFormatException">The first file is missing, or a file holds another sweep.</exception>
    public static int Merge(IReadOnlyList<string> paths, string output)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string header = File.Exists(paths[0]) ? File.ReadLines(paths[0]).FirstOrDefault() ?? string.Empty : throw new DataFormatException(paths[0], 0, "file", "not found");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<string[]>();
        foreach (string path in paths)
        {
            foreach ((string key, string[] cells) in Read(path, header))
            {
                if (seen.Add(key))
                {
                    rows.Add(cells);
                }
            }
        }

        OutputFiles.Write(output, w =>
        {
            w.WriteLine(header);
            foreach (string[] cells in rows.OrderBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)))
            {
                w.WriteLine(string.Join(',', cells));
            }
        });
        return rows.Count;
    }

    /// <summary>Appends one result and flushes it; safe to call from several threads.</summary>
    public void Append(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        string values = string.Join(',', result.Point.Values.Select(v => v.Value.ToString("R", c)));
        string line = string.Create(c, $"{result.Point.Index},{result.Point.Key},{values},{result.Objective:R},{result.Pnl:R},{result.Sharpe:R},{result.Utility:R},{result.MaxDrawdown:R},{result.Fills:R},{result.MeanAbsInventory:R}");
        lock (_lock)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
