namespace MarketMaking.Reporting;

/// <summary>A titled section; each one gets an anchor and an entry in the table of contents.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<ReportBlock> Blocks);
