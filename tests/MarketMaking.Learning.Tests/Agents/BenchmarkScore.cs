using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;

namespace MarketMaking.Learning.Tests.Agents;

/// <summary>The acceptance measure: the share of the gap between the best constant depth and the optimum a policy closes on the benchmark.</summary>
internal static class BenchmarkScore
{
    /// <summary>On 10,000 evaluation trajectories from seed 12345, as the README's figures.</summary>
    public static (double Share, string Summary) GapClosed(string name, IDiscretePolicy policy) =>
        GapClosed(name, new PolicyStrategy(name, policy, EnvironmentPresets.CarteaJaimungal));

    /// <summary>The same for a policy with continuous depths.</summary>
    public static (double Share, string Summary) GapClosed(string name, IContinuousPolicy policy) =>
        GapClosed(name, new PolicyStrategy(name, policy, EnvironmentPresets.CarteaJaimungal));

    private static (double Share, string Summary) GapClosed(string name, PolicyStrategy strategy)
    {
        EnvironmentSettings cj = EnvironmentPresets.CarteaJaimungal;
        var evaluator = new ObjectiveEvaluator(cj, 10_000, 12345);
        ObjectiveEstimate optimal = evaluator.Evaluate("optimal", evaluator.Optimal());
        (double depth, ObjectiveEstimate constant) = evaluator.BestConstant();
        ObjectiveEstimate agent = evaluator.Evaluate(name, strategy);
        double share = ObjectiveEvaluator.GapClosed(agent, constant, optimal);
        return (share, $"optimal {optimal.Mean:F4}, constant {depth:F2} {constant.Mean:F4}, {name} {agent.Mean:F4} ± {agent.StandardError:F4}, gap closed {share:P1}");
    }
}
