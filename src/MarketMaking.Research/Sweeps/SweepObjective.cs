namespace MarketMaking.Research.Sweeps;

/// <summary>What a sweep maximizes: a name (as reports and result files print it) and the score of a result.</summary>
/// <param name="Name">pnl, sharpe, utility or pnl-dd.</param>
/// <param name="Score">The objective of a result; larger is better.</param>
public sealed record SweepObjective(string Name, Func<SweepResult, double> Score)
{
    /// <summary>Net PnL.</summary>
    public static SweepObjective Pnl { get; } = new("pnl", r => r.Pnl);

    /// <summary>Sharpe ratio.</summary>
    public static SweepObjective Sharpe { get; } = new("sharpe", r => r.Sharpe);

    /// <summary>Mean–variance utility: needs many runs of a point, so only the model market scores it.</summary>
    public static SweepObjective Utility { get; } = new("utility", r => r.Utility);

    /// <summary>Net PnL, −∞ where the largest drawdown exceeds <paramref name="maxDrawdown"/>.</summary>
    public static SweepObjective PnlWithinDrawdown(double maxDrawdown) => new("pnl-dd", r => r.MaxDrawdown <= maxDrawdown ? r.Pnl : double.NegativeInfinity);
}
