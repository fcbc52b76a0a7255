using System.Globalization;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;

namespace MarketMaking.Cli.Tuning;

/// <summary>
/// A sweep's results as CSV, one line per finished point, appended and flushed as points finish,
/// so an interrupted sweep loses nothing and a rerun skips the points already in the file.
/// </summary>
internal sealed class TuneResultsFile : IDisposable
{
    private const string Metrics = "objective,pnl,sharpe,utility,max_drawdown,fills,mean_abs_q";
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    private TuneResultsFile(StreamWriter writer) => _writer = writer;

    public static string Header(IEnumerable<string> parameters) => $"index,key,{string.Join(',', parameters)},{Metrics}";

    /// <summary>The keys already done and the rows, from an earlier run or shard (empty when the file is new).</summary>
    public static List<(string Key, string[] Cells)> Read(string path, string header)
    {
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

    public static TuneResultsFile Open(string path, string header)
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

        return new TuneResultsFile(writer);
    }

    public void Append(TuneResult r)
    {
        var c = CultureInfo.InvariantCulture;
        string values = string.Join(',', r.Point.Values.Select(v => v.Value.ToString("R", c)));
        string line = string.Create(c, $"{r.Point.Index},{r.Point.Key},{values},{r.Objective:R},{r.Pnl:R},{r.Sharpe:R},{r.Utility:R},{r.MaxDrawdown:R},{r.Fills:R},{r.MeanAbsInventory:R}");
        lock (_lock)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    public void Dispose() => _writer.Dispose();
}
