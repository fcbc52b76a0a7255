using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;

namespace MarketMaking.Cli.Output;

/// <summary>Every strategy evaluated on one named model market.</summary>
internal sealed record MarketEvaluations(string Name, ModelMarketParameters Parameters, IReadOnlyList<StrategyEvaluation> Evaluations);
