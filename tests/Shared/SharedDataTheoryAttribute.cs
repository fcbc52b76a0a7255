namespace MarketMaking.Tests.Samples;

/// <summary>A theory on the real samples in ../shared/data: skipped, saying why, when the folder is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = SharedDataFactAttribute.Reason;
        }
    }
}
