using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Research.Simulations;

/// <summary>Every strategy evaluated on one named model market.</summary>
/// <param name="Name">The market's name in reports.</param>
/// <param name="Parameters">The market.</param>
/// <param name="Evaluations">Each strategy's Monte Carlo summary and trajectory 0 in full.</param>
public sealed record MarketEvaluations(string Name, ModelMarketParameters Parameters, IReadOnlyList<StrategyEvaluation> Evaluations);
