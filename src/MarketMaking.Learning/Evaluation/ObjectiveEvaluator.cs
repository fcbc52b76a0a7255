using MarketMaking.Core.Metrics;
using MarketMaking.Learning.Environments;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Learning.Evaluation;

/// <summary>
/// Scores strategies on an environment's market with the Monte Carlo engine (the same seeds for
/// each, so differences are paired): the Cartea–Jaimungal objective per trajectory, the exact
/// optimal strategy, and the best constant symmetric depth found by a scan.
/// </summary>
public sealed class ObjectiveEvaluator(EnvironmentSettings settings, int trajectories, ulong seed)
{
    private readonly EnvironmentSettings _settings = settings.Validate();

    public ObjectiveEstimate Evaluate(string label, IQuotingStrategy strategy)
    {
        var monteCarlo = new MonteCarloSettings
        {
            Trajectories = trajectories,
            Seed = seed,
            MaxPosition = _settings.MaxInventory,
            InitialInventory = _settings.InitialInventory,
        };
        TrajectoryOutcomes o = new MonteCarloEngine(_settings.Market, monteCarlo).Run(strategy).Outcomes;
        double[] objective = new double[o.Count];
        for (int i = 0; i < o.Count; i++)
        {
            double q = o.Inventory[i];
            objective[i] = o.NetPnl[i] - (_settings.Phi * (o.LongSquaredInventory[i] + o.ShortSquaredInventory[i])) - (_settings.TerminalPenalty * q * q);
        }

        return new ObjectiveEstimate(
            label,
            PerformanceStatistics.Mean(objective),
            PerformanceStatistics.StandardDeviation(objective) / Math.Sqrt(objective.Length),
            PerformanceStatistics.Mean(o.NetPnl),
            PerformanceStatistics.StandardDeviation(o.NetPnl),
            PerformanceStatistics.Mean(o.AbsInventory) / _settings.Market.Horizon,
            objective);
    }

    /// <summary>The exact Cartea–Jaimungal strategy for these parameters.</summary>
    public IQuotingStrategy Optimal() => new CarteaJaimungalStrategy(new CarteaJaimungalParameters(
        _settings.Market.A, _settings.Market.Kappa, _settings.Phi, _settings.TerminalPenalty, _settings.MaxInventory, 1, _settings.Market.Horizon, _settings.Market.TimeStep));

    /// <summary>The constant symmetric depth with the best objective on a grid from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public (double Depth, ObjectiveEstimate Estimate) BestConstant(double from = 0.05, double to = 3, double step = 0.05)
    {
        (double Depth, ObjectiveEstimate Estimate) best = (double.NaN, null!);
        for (double depth = from; depth <= to + 1e-12; depth += step)
        {
            ObjectiveEstimate estimate = Evaluate("constant", new ConstantDepthStrategy(depth, _settings.MaxInventory));
            if (best.Estimate is null || estimate.Mean > best.Estimate.Mean)
            {
                best = (depth, estimate);
            }
        }

        return best;
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
