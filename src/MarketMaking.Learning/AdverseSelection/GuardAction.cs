namespace MarketMaking.Learning.AdverseSelection;

/// <summary>What the guard does to a side it judges exposed.</summary>
public enum GuardAction
{
    /// <summary>Moves the side's quotes away from the mid by the guard's widening.</summary>
    Widen,

    /// <summary>Stops quoting the side.</summary>
    Withdraw,
}
