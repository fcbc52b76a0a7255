using System.Collections.Concurrent;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Metrics;
using MarketMaking.Learning.Environments;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Learning.Evaluation;

/// <summary>
/// Scores strategies on an environment's market with the Monte Carlo engine (the same seeds for
/// each, so differences are paired): the Cartea–Jaimungal objective per trajectory, the exact
/// optimal strategy, and the best constant symmetric depth, chosen once on trajectories of its own.
/// </summary>
public sealed class ObjectiveEvaluator(EnvironmentSettings settings, int trajectories, ulong seed)
{
    private readonly EnvironmentSettings _settings = settings.Validate();

    public ObjectiveEstimate Evaluate(string label, IQuotingStrategy strategy) => Score(_settings, label, strategy, trajectories, _seed);

    private static ObjectiveEstimate Score(EnvironmentSettings settings, string label, IQuotingStrategy strategy, int trajectories, ulong seed)
    {
        var monteCarlo = new MonteCarloSettings
        {
            Trajectories = trajectories,
            Seed = seed,
            MaxPosition = settings.MaxInventory,
            InitialInventory = settings.InitialInventory,
        };
        TrajectoryOutcomes o = new MonteCarloEngine(settings.Market, monteCarlo).Run(strategy).Outcomes;
        double[] objective = new double[o.Count];
        for (int i = 0; i < o.Count; i++)
        {
            double q = o.Inventory[i];
            objective[i] = o.NetPnl[i] - (settings.Phi * (o.LongSquaredInventory[i] + o.ShortSquaredInventory[i])) - (settings.TerminalPenalty * q * q);
        }

        return new ObjectiveEstimate(
            label,
            PerformanceStatistics.Mean(objective),
            PerformanceStatistics.StandardDeviation(objective) / Math.Sqrt(objective.Length),
            PerformanceStatistics.Mean(o.NetPnl),
            PerformanceStatistics.StandardDeviation(o.NetPnl),
            PerformanceStatistics.Mean(o.AbsInventory) / settings.Market.Horizon,
            objective);
    }

    /// <summary>The exact Cartea–Jaimungal strategy for these parameters.</summary>
    public IQuotingStrategy Optimal() => new CarteaJaimungalStrategy(new CarteaJaimungalParameters(
        _settings.Market.A, _settings.Market.Kappa, _settings.Phi, _settings.TerminalPenalty, _settings.MaxInventory, 1, _settings.Market.Horizon, _settings.Market.TimeStep));

    /// <summary>
    /// Seed of the trajectories the best constant depth is chosen on; no evaluation may use it, so the
    /// constant is never picked on the trajectories it is scored on (which would flatter it).
    /// </summary>
    public const ulong SelectionSeed = 0x5E1EC7;

    /// <summary>Trajectories the best constant is chosen on: adjacent depths differ by ~0.003 of objective.</summary>
    public const int SelectionTrajectories = 50_000;

    // Chosen once per environment and range, however many evaluators ask.
    private static readonly ConcurrentDictionary<(EnvironmentSettings, double, double, double), double> ChosenDepths = new();

    private readonly ulong _seed = seed != SelectionSeed ? seed
        : throw new InvalidParameterException("seed", $"{SelectionSeed} is reserved for choosing the best constant depth; evaluate on another seed");

    /// <summary>
    /// The best constant symmetric depth on the grid <paramref name="from"/>, <paramref name="from"/> +
    /// <paramref name="step"/>, … <paramref name="to"/>, chosen once on <see cref="SelectionTrajectories"/>
    /// trajectories from <see cref="SelectionSeed"/>, and its objective on this evaluator's trajectories.
    /// </summary>
    public (double Depth, ObjectiveEstimate Estimate) BestConstant(double from = 0.5, double to = 2.0, double step = 0.05)
    {
        double depth = ChosenDepths.GetOrAdd((_settings, from, to, step), key => ChooseConstant(key.Item1, key.Item2, key.Item3, key.Item4));
        return (depth, Evaluate("constant", new ConstantDepthStrategy(depth, _settings.MaxInventory)));
    }

    private static double ChooseConstant(EnvironmentSettings settings, double from, double to, double step)
    {
        (double Depth, double Mean) best = (double.NaN, double.NegativeInfinity);
        for (double depth = from; depth <= to + 1e-12; depth += step)
        {
            double mean = Score(settings, "constant", new ConstantDepthStrategy(depth, settings.MaxInventory), SelectionTrajectories, SelectionSeed).Mean;
            if (mean > best.Mean)
            {
                best = (depth, mean);
            }
        }

        return best.Depth;
    }

    /// <summary>Share of the gap between the best constant depth and the optimum that a strategy closes.</summary>
    public static double GapClosed(ObjectiveEstimate strategy, ObjectiveEstimate constant, ObjectiveEstimate optimal)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(constant);
        ArgumentNullException.ThrowIfNull(optimal);
        return (strategy.Mean - constant.Mean) / (optimal.Mean - constant.Mean);
    }
}
