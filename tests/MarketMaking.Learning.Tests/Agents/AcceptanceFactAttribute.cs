namespace MarketMaking.Learning.Tests.Agents;

/// <summary>A fact that runs minutes of training: skipped unless MM_ACCEPTANCE=1 (run it in Release).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceptanceFactAttribute : FactAttribute
{
    public AcceptanceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MM_ACCEPTANCE") != "1")
        {
            Skip = "minutes of training; set MM_ACCEPTANCE=1 to run";
        }
    }
}
