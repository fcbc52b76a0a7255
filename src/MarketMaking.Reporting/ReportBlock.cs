namespace MarketMaking.Reporting;

/// <summary>A piece of section content. The writer knows the derived kinds in this namespace.</summary>
public abstract record ReportBlock;
