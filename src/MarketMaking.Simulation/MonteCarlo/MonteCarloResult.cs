using MarketMaking.Simulation.Model;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>The outcome of every trajectory of one strategy, with the market and settings that made it.</summary>
public sealed record MonteCarloResult(string Strategy, ModelMarketParameters Market, MonteCarloSettings Settings, TrajectoryOutcomes Outcomes)
{
    /// <summary>Summary statistics across trajectories; <paramref name="riskAversion"/> is γ of the utilities.</summary>
    public MonteCarloSummary Summarize(double riskAversion) => MonteCarloSummary.From(this, riskAversion);
}
