namespace MarketMaking.Research.Backtests;

/// <summary>Lines the backtests' reports share (and mm trade's run folder).</summary>
public static class BacktestText
{
    /// <summary>
    /// The strategies' parameters as one report line, only those the run's strategies read
    /// (<see cref="DescribedSettings.Read"/>): a fixed spread has no γ, Avellaneda–Stoikov no spread.
    /// </summary>
    public static KeyValuePair<string, string> StrategySettings(DescribedSettings described)
    {
        ArgumentNullException.ThrowIfNull(described);
        IReadOnlyList<string> texts = described.Texts;
        return new("strategy settings", texts.Count > 0 ? string.Join(", ", texts) : "none");
    }
}
