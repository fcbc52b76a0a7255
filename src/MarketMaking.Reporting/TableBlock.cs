namespace MarketMaking.Reporting;

/// <summary>A table of pre-formatted cells; cells that parse as numbers are right-aligned in a monospace font.</summary>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption) : ReportBlock;
