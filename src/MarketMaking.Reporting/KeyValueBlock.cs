namespace MarketMaking.Reporting;

/// <summary>A two-column list of labelled values, e.g. the resolved settings of a run.</summary>
public sealed record KeyValueBlock(IReadOnlyList<KeyValuePair<string, string>> Items) : ReportBlock;
