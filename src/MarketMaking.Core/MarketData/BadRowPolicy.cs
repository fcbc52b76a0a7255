namespace MarketMaking.Core.MarketData;

/// <summary>What a reader does with a bad row (--on-bad-row).</summary>
public enum BadRowPolicy
{
    /// <summary>Stop with an error naming the file, line and field.</summary>
    Stop,

    /// <summary>Skip the row, count it, and go on; the count appears in the run's report.</summary>
    Skip,
}
