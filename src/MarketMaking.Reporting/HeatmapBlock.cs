namespace MarketMaking.Reporting;

/// <summary>
/// A value over a grid of two parameters, drawn as a table of coloured cells (low: blue, high: red;
/// missing: blank). <see cref="Values"/>[row][column] belongs to <see cref="RowLabels"/>[row] and
/// <see cref="ColumnLabels"/>[column]; NaN marks a point not run.
/// </summary>
public sealed record HeatmapBlock(
    string Title, string RowName, string ColumnName, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, IReadOnlyList<IReadOnlyList<double>> Values) : ReportBlock;
