using MarketMaking.Core.Accounting;
using MarketMaking.Simulation.Model;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>The outcome of every trajectory of one strategy, with the market and settings that made it.</summary>
public sealed record MonteCarloResult(string Strategy, ModelMarketParameters Market, MonteCarloSettings Settings, TrajectoryOutcomes Outcomes)
{
    /// <summary>
    /// Summary statistics across trajectories; <paramref name="riskAversion"/> is γ of the utilities,
    /// <paramref name="penalty"/> the running inventory penalty of the penalized PnL (none by default).
    /// </summary>
    public MonteCarloSummary Summarize(double riskAversion, InventoryPenalty penalty = default) => MonteCarloSummary.From(this, riskAversion, penalty);
}
