using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting;

/// <summary>Several charts laid out side by side, wrapping onto new rows when the page is narrow.</summary>
public sealed record ChartGridBlock(IReadOnlyList<ChartSpec> Charts) : ReportBlock;
