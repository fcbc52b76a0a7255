namespace MarketMaking.Reporting;

/// <summary>A complete report: rendered by <see cref="HtmlReportWriter"/> as one self-contained HTML page.</summary>
public sealed record ReportDocument(string Title, string? Subtitle, IReadOnlyList<ReportSection> Sections);
