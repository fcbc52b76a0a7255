using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Simulation.Tests.MonteCarlo;

/// <summary>
/// Reproduces the tables of Avellaneda &amp; Stoikov, "High-frequency trading in a limit order book",
/// Quantitative Finance 8(3) 2008, §4 (S0 = 100, T = 1, σ = 2, dt = 0.005, A = 140, κ = 1.5, 1000 runs):
/// mean profit within 4 standard errors, standard deviations within 15%. The paper's spread column
/// is the continuous-time average γσ²T/2 + (2/γ)ln(1 + γ/κ); quotes set at t_k = k·dt average τ over
/// (T + dt)/2 instead, γσ²dt/2 more (0.01 at γ = 1), so the simulated spread is within 0.015.
/// </summary>
public class AvellanedaStoikovTablesTests
{
    public static TheoryData<double, string, double, double, double, double, double> PublishedRows() => new()
    {
        // γ, strategy, spread, profit mean, profit std, final q mean, final q std
        { 0.1, "inventory", 1.49, 65.0, 6.6, 0.08, 2.9 },
        { 0.1, "symmetric", 1.49, 68.4, 12.7, 0.26, 8.4 },
        { 0.01, "inventory", 1.35, 68.6, 8.7, 0.12, 5.1 },
        { 0.01, "symmetric", 1.35, 68.8, 12.8, 0.09, 8.7 },
        { 1, "inventory", 3.02, 31.4, 5.0, 0.02, 1.7 },
        { 1, "symmetric", 3.02, 44.0, 11.0, 0.00, 5.1 },
    };

    [Theory]
    [MemberData(nameof(PublishedRows))]
    public void MatchesThePublishedTable(double gamma, string strategyName, double spread, double profitMean, double profitStd, double finalQMean, double finalQStd)
    {
        var parameters = new AvellanedaStoikovParameters(gamma, Sigma: 2, Kappa: 1.5);
        IQuotingStrategy strategy = strategyName == "inventory"
            ? new AvellanedaStoikovStrategy(parameters)
            : new SymmetricAvellanedaStoikovStrategy(parameters);
        var engine = new MonteCarloEngine(new ModelMarketParameters(), new MonteCarloSettings { Trajectories = 1000, Seed = 1 });

        MonteCarloSummary s = engine.Run(strategy).Summarize(gamma);

        Assert.InRange(s.AverageSpread, spread - 0.015, spread + 0.015);
        double meanTimeLeft = strategyName == "inventory" ? (1 + 0.005) / 2 : 0.5; // the benchmark quotes the T/2 average throughout
        Assert.Equal((gamma * 4 * meanTimeLeft) + ((2 / gamma) * Math.Log(1 + (gamma / 1.5))), s.AverageSpread, 9);
        Assert.InRange(s.ProfitMean, profitMean - (4 * s.ProfitStdError), profitMean + (4 * s.ProfitStdError));
        Assert.InRange(s.ProfitStd, profitStd * 0.85, profitStd * 1.15);
        Assert.InRange(s.FinalInventoryStd, finalQStd * 0.85, finalQStd * 1.15);
        double inventoryStdError = s.FinalInventoryStd / Math.Sqrt(s.Trajectories);
        Assert.InRange(s.FinalInventoryMean, finalQMean - (4 * inventoryStdError) - 0.01, finalQMean + (4 * inventoryStdError) + 0.01);
    }
}
