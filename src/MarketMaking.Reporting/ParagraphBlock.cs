namespace MarketMaking.Reporting;

/// <summary>Plain text; line breaks in <paramref name="Text"/> are preserved.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;
