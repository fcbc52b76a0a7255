using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting;

/// <summary>One chart, embedded as inline SVG.</summary>
public sealed record ChartBlock(ChartSpec Chart) : ReportBlock;
