using System.Globalization;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Learning.Evaluation;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Evaluation;

/// <summary>
/// A trained policy on a model-market environment beside the exact Cartea–Jaimungal optimum, the
/// best constant depth, Avellaneda–Stoikov and GLFT, on the same trajectories: the objective with its
/// interval, PnL, its spread, mean |q|, the share of the constant-to-optimum gap each closes, and
/// the learned quotes per inventory level beside the optimal ones. What <c>mm evaluate</c> runs.
/// </summary>
public sealed class ModelPolicyEvaluation
{
    private ModelPolicyEvaluation(IReadOnlyList<ObjectiveEstimate> rows, ObjectiveEstimate optimal, ObjectiveEstimate constant, IReadOnlyList<QuoteRow> quotes)
    {
        Rows = rows;
        Optimal = optimal;
        Constant = constant;
        Quotes = quotes;
    }

    /// <summary>The policy, the optimum, the best constant depth, AS and GLFT, in that order.</summary>
    public IReadOnlyList<ObjectiveEstimate> Rows { get; }

    /// <summary>The exact optimum's score.</summary>
    public ObjectiveEstimate Optimal { get; }

    /// <summary>The best constant depth's score.</summary>
    public ObjectiveEstimate Constant { get; }

    /// <summary>The policy's quotes beside the optimum's, for inventories −3…3 at 100%, 50% and 10% of the horizon left.</summary>
    public IReadOnlyList<QuoteRow> Quotes { get; }

    /// <summary>
    /// Evaluates <paramref name="policy"/> (named <paramref name="kind"/>) on <paramref name="runs"/>
    /// trajectories from <paramref name="seed"/>; AS and GLFT quote with risk aversion <paramref name="gamma"/>.
    /// Each strategy scored is reported to <paramref name="progress"/> (five in all).
    /// </summary>
    public static ModelPolicyEvaluation Run(string kind, IDiscretePolicy policy, EnvironmentSettings environment, int runs, ulong seed, double gamma, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Run(new PolicyStrategy(kind, policy, environment), environment, runs, seed, gamma, progress);
    }

    /// <summary>As above for a policy already wrapped as a strategy (a grid or a continuous one, <see cref="Training.AgentCatalog.LoadStrategy(string, EnvironmentSettings)"/>), named by its Name.</summary>
    public static ModelPolicyEvaluation Run(PolicyStrategy agentStrategy, EnvironmentSettings environment, int runs, ulong seed, double gamma, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(agentStrategy);
        ArgumentNullException.ThrowIfNull(environment);
        string kind = agentStrategy.Name;
        var evaluator = new ObjectiveEvaluator(environment, runs, seed);
        var market = environment.Market;
        var analytical = new StrategySettings
        {
            Sigma = market.Sigma, A = market.A, Kappa = market.Kappa, Horizon = market.Horizon, TimeStep = market.TimeStep,
            Gamma = gamma, MaxInventory = environment.MaxInventory, OrderQuantity = 1, Phi = environment.Phi, TerminalPenalty = environment.TerminalPenalty,
        };
        int done = 0;
        T Scored<T>(T estimate, string name)
        {
            progress?.Report(new EvaluationProgress(++done, 5, name));
            return estimate;
        }

        IQuotingStrategy optimalStrategy = evaluator.Optimal();
        ObjectiveEstimate optimal = Scored(evaluator.Evaluate("cj (optimal)", optimalStrategy), "cj (optimal)");
        (double depth, ObjectiveEstimate constant) = Scored(evaluator.BestConstant(0.5, 2.0, 0.05), "best constant depth");
        var rows = new List<ObjectiveEstimate>
        {
            Scored(evaluator.Evaluate(kind, agentStrategy), kind),
            optimal,
            constant with { Strategy = string.Create(CultureInfo.InvariantCulture, $"constant {depth:F2}") },
            Scored(evaluator.Evaluate("as", StrategyCatalog.Create("as", analytical)), "as"),
            Scored(evaluator.Evaluate("glft", StrategyCatalog.Create("glft", analytical)), "glft"),
        };
        var quotes = QuoteTable.Compare(agentStrategy, optimalStrategy, market.Horizon, [-3, -2, -1, 0, 1, 2, 3], [1, 0.5, 0.1]);
        return new ModelPolicyEvaluation(rows, optimal, constant, quotes);
    }

    /// <summary>The share of the gap between the best constant depth and the optimum that <paramref name="row"/> closes.</summary>
    public double GapClosed(ObjectiveEstimate row) => ObjectiveEvaluator.GapClosed(row, Constant, Optimal);
}
