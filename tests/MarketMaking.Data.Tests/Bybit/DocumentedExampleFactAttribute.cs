namespace MarketMaking.Data.Tests.Bybit;

/// <summary>A fact that needs Bybit's documented examples; skipped, saying why, when ../shared/data is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DocumentedExampleFactAttribute : FactAttribute
{
    public DocumentedExampleFactAttribute()
    {
        if (DocumentedExamples.Folder is null)
        {
            Skip = DocumentedExamples.SkipReason;
        }
    }
}
