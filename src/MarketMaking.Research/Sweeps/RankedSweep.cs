using System.Globalization;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;

namespace MarketMaking.Research.Sweeps;

/// <summary>
/// A sweep's results file read back and ranked by objective, best first (ties keep the file's
/// order): what a sweep reports, its HTML report and its best point as a config file.
/// </summary>
public sealed class RankedSweep
{
    private RankedSweep(IReadOnlyList<string> parameters, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        Parameters = parameters;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The swept parameters, in axis order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The results file's columns: index, key, the parameters, then the metrics.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The results file's rows (cells as written), best objective first.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The rows as results, best first (values as written: the file keeps them to the last bit).</summary>
    public IReadOnlyList<SweepResult> Results => [.. Rows.Select(ToResult)];

    /// <summary>The column of the objective.</summary>
    public int ObjectiveColumn => 2 + Parameters.Count;

    /// <summary>The results in <paramref name="path"/> of a sweep over <paramref name="parameters"/>, ranked.</summary>
    /// <exception cref="Core.Errors.DataFormatException">The file holds another sweep.</exception>
    public static RankedSweep Read(string path, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string header = SweepResultsFile.Header(parameters);
        int objective = 2 + parameters.Count;
        var ranked = SweepResultsFile.Read(path, header).OrderByDescending(r => double.Parse(r.Cells[objective], CultureInfo.InvariantCulture)).Select(r => r.Cells).ToList();
        return new RankedSweep(parameters, header.Split(','), ranked);
    }

    private SweepResult ToResult(string[] cells)
    {
        static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
        int m = ObjectiveColumn;
        var point = new SweepPoint(int.Parse(cells[0], CultureInfo.InvariantCulture), [.. Parameters.Select((name, j) => (name, Number(cells[2 + j])))]);
        return new SweepResult(point, Number(cells[m]), Number(cells[m + 1]), Number(cells[m + 2]), Number(cells[m + 3]), Number(cells[m + 4]), Number(cells[m + 5]), Number(cells[m + 6]));
    }

    /// <summary>The ranked table (the best 50) and, over the first two parameters, a heatmap of the objective (the best over any others).</summary>
    public ReportDocument Report(string title, string objective)
    {
        string[] names = [.. Parameters];
        var table = new TableBlock([.. Columns.Skip(2)], [.. Rows.Take(50).Select(r => (IReadOnlyList<string>)[.. r.Skip(2).Select(Formats.CompactCell)])], $"ranked by {objective} ({Rows.Count} points)");
        var blocks = new List<ReportBlock> { table };
        if (names.Length >= 2)
        {
            static double Value(string[] cells, int column) => double.Parse(cells[column], CultureInfo.InvariantCulture);
            double[] rows = [.. Rows.Select(r => Value(r, 2)).Distinct().Order()];
            double[] columns = [.. Rows.Select(r => Value(r, 3)).Distinct().Order()];
            var grid = rows.Select(_ => columns.Select(_ => double.NaN).ToArray()).ToArray();
            foreach (string[] cells in Rows)
            {
                int i = Array.IndexOf(rows, Value(cells, 2)), j = Array.IndexOf(columns, Value(cells, 3));
                double v = Value(cells, ObjectiveColumn);
                grid[i][j] = double.IsNaN(grid[i][j]) ? v : Math.Max(grid[i][j], v);
            }

            blocks.Add(new HeatmapBlock(
                $"{objective} over {names[0]} and {names[1]}{(names.Length > 2 ? " (best over the other parameters)" : string.Empty)}",
                names[0], names[1], [.. rows.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))], [.. columns.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))], grid));
        }

        return new ReportDocument(title, $"{Rows.Count} points, objective {objective}", [new ReportSection("Sweep", blocks)]);
    }

    /// <summary>The best point as a YAML config (<c>strategy:</c> name and parameters), for <c>--config</c>; nothing when there are no results.</summary>
    public void WriteBestConfig(TextWriter writer, string strategy, string objective)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Rows.Count == 0)
        {
            return;
        }

        string[] cells = Rows[0];
        writer.WriteLine($"# best point of mm tune: {objective} = {cells[ObjectiveColumn]}");
        writer.WriteLine("strategy:");
        writer.WriteLine($"  name: {strategy}");
        for (int j = 0; j < Parameters.Count; j++)
        {
            writer.WriteLine($"  {Parameters[j]}: {cells[2 + j]}");
        }
    }
}
