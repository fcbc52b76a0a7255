using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// A sweep's results as CSV, one line per finished point, appended and flushed as points finish,
/// so an interrupted sweep loses nothing and a rerun skips the points already in the file. The
/// columns: index, key, one per parameter, then the metrics of <see cref="SweepResult"/>.
/// A last line without its line end was cut short by a crash: reading ignores it (its point runs
/// again) and opening to append drops it first, so the next row is not glued to it.
/// </summary>
public sealed class SweepResultsFile : IDisposable
{
    private const string Metrics = "objective,pnl,sharpe,utility,max_drawdown,fills,mean_abs_q";
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    private SweepResultsFile(StreamWriter writer, string? droppedLine)
    {
        _writer = writer;
        DroppedLine = droppedLine;
    }

    /// <summary>The torn last line <see cref="Open"/> dropped (a crash cut it short; its point runs again); null when the file ended cleanly.</summary>
    public string? DroppedLine { get; }

    /// <summary>
    /// Where a sweep's results go when no file is named: runs/tune/STRATEGY-MARKET[-DATA]-PARAMETERS.csv
    /// under <paramref name="folder"/>, so sweeps of different strategies, markets, data or
    /// parameters never share a file, and running the same sweep again resumes it.
    /// </summary>
    public static string DefaultPath(string strategy, string market, string? dataPath, IEnumerable<string> parameters, string folder = "runs/tune")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string data = dataPath is null ? string.Empty : "-" + Path.GetFileName(dataPath).Split('.')[0];
        return Path.Combine(folder, $"{strategy}-{market}{data}-{string.Join('-', parameters)}.csv");
    }

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

        string text = File.ReadAllText(path);
        List<string> lines = [.. text.Split('\n')];
        lines.RemoveAt(lines.Count - 1); // what follows the last line end: empty, or a line cut short
        if (lines.Count > 0 && lines[0].TrimEnd('\r') != header)
        {
            throw new DataFormatException(path, 1, "header", $"the file holds another sweep ({lines[0].TrimEnd('\r')}); expected {header}");
        }

        for (int i = 1; i < lines.Count; i++)
        {
            string[] cells = lines[i].TrimEnd('\r').Split(',');
            if (cells.Length != header.Split(',').Length)
            {
                continue; // a line cut short when the run was stopped: that point runs again
            }

            rows.Add((cells[1], cells));
        }

        return rows;
    }

    /// <summary>
    /// Opens <paramref name="path"/> to append to, writing the header when the file is new or empty;
    /// a torn last line is dropped first (<see cref="DroppedLine"/>).
    /// </summary>
    /// <exception cref="OutputException">The file cannot be written.</exception>
    public static SweepResultsFile Open(string path, string header)
    {
        StreamWriter writer;
        string? dropped;
        bool exists;
        try
        {
            dropped = DropTornLine(path);
            exists = File.Exists(path) && new FileInfo(path).Length > 0;
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

        return new SweepResultsFile(writer, dropped);
    }

    /// <summary>Cuts the file back to its last line end; returns what was cut (null when nothing was).</summary>
    private static string? DropTornLine(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        long end = stream.Length;
        var buffer = new byte[4096];
        long position = end;
        while (position > 0)
        {
            int count = (int)Math.Min(buffer.Length, position);
            position -= count;
            stream.Position = position;
            stream.ReadExactly(buffer, 0, count);
            int newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                return Cut(stream, position + newline + 1, end);
            }
        }

        return Cut(stream, 0, end);
    }

    private static string? Cut(FileStream stream, long keep, long end)
    {
        if (keep == end)
        {
            return null;
        }

        var torn = new byte[end - keep];
        stream.Position = keep;
        stream.ReadExactly(torn);
        stream.SetLength(keep);
        return System.Text.Encoding.UTF8.GetString(torn);
    }

    /// <summary>
    /// Joins the result files of a sharded sweep into <paramref name="output"/>, ordered by point
    /// index; the first result of each point is kept. Returns the number of points written. Shards
    /// described by a <see cref="SweepShard"/> must all be given, each once and complete.
    /// </summary>
    /// <exception cref="DataFormatException">The first file is missing, a file holds another sweep, or a shard is incomplete.</exception>
    /// <exception cref="InvalidParameterException">A shard is missing or given twice.</exception>
    public static int Merge(IReadOnlyList<string> paths, string output)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string header = File.Exists(paths[0]) ? File.ReadLines(paths[0]).FirstOrDefault() ?? string.Empty : throw new DataFormatException(paths[0], 0, "file", "not found");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<string[]>();
        var files = new List<(string, SweepShard?, IReadOnlySet<string>)>();
        foreach (string path in paths)
        {
            List<(string Key, string[] Cells)> read = Read(path, header);
            files.Add((path, SweepShard.Read(path), read.Select(r => r.Key).ToHashSet(StringComparer.Ordinal)));
            foreach ((string key, string[] cells) in read)
            {
                if (seen.Add(key))
                {
                    rows.Add(cells);
                }
            }
        }

        SweepShard.CheckMerge(files); // before the merged file is written

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
