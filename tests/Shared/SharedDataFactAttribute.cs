namespace MarketMaking.Tests.Samples;

/// <summary>A fact on the real samples in ../shared/data: skipped, saying why, when the folder is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public const string Reason = "../shared/data not found beside the repository: the real-data samples are not installed";

    public SharedDataFactAttribute()
    {
        if (SharedData.Folder is null)
        {
            Skip = Reason;
        }
    }
}
