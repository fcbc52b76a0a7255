using MarketMaking.Core.Accounting;
using MarketMaking.Core.Risk;
using MarketMaking.Learning.Agents;
using MarketMaking.Learning.Environments;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Simulations;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Evaluation;

/// <summary>
/// A policy trained on the agent-based book against AS and GLFT with σ, A and κ calibrated on the
/// same market, on held-out seeds (paired), over episodes as long as training's; the differences
/// are policy − baseline in PnL and in risk-adjusted PnL (the environment's objective). What
/// <c>mm evaluate --env lob</c> runs.
/// </summary>
public sealed class BookPolicyEvaluation
{
    /// <summary>Seconds of the market's tape the baselines are calibrated on.</summary>
    public const double CalibrationSeconds = 1800;

    private BookPolicyEvaluation(string market, IReadOnlyList<AgentMarketEvaluation> evaluations, IReadOnlyList<PairedComparison> differences)
    {
        Evaluations = evaluations;
        Differences = differences;
        Rows = [.. evaluations.Select(e => SummaryRow.From(market, e.Summary))];
    }

    /// <summary>The policy, AS and GLFT, in that order.</summary>
    public IReadOnlyList<AgentMarketEvaluation> Evaluations { get; }

    /// <summary>The policy minus AS, and minus GLFT, over the paired seeds.</summary>
    public IReadOnlyList<PairedComparison> Differences { get; }

    /// <summary>Each summary as a row.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>
    /// Runs <paramref name="policy"/> (named <paramref name="kind"/>), AS and GLFT on
    /// <paramref name="runs"/> episodes of <paramref name="book"/> from <paramref name="seed"/>;
    /// <paramref name="setup"/> holds the baselines' calibrated settings (<see cref="CalibrationSeconds"/> of tape).
    /// Each strategy scored is reported to <paramref name="progress"/> (three in all).
    /// </summary>
    public static BookPolicyEvaluation Run(string kind, IDiscretePolicy policy, AgentEnvironmentSettings book, AgentMarketSetup setup, int runs, ulong seed, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(setup);
        return Run(new PolicyStrategy(kind, policy, book.Actions, book.MaxInventory, book.EpisodeSeconds, book.Observation, setup.Market.LotSize), book, setup, runs, seed, progress);
    }

    /// <summary>As above for a policy already wrapped as a strategy (a grid or a continuous one, <see cref="Training.AgentCatalog.LoadStrategy(string, AgentEnvironmentSettings)"/>), named by its Name.</summary>
    public static BookPolicyEvaluation Run(PolicyStrategy agentStrategy, AgentEnvironmentSettings book, AgentMarketSetup setup, int runs, ulong seed, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(agentStrategy);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(setup);
        string kind = agentStrategy.Name;
        AgentMarketParameters market = setup.Market with { Duration = book.EpisodeSeconds, DecisionInterval = book.StepSeconds };
        StrategySettings analytical = setup.Settings with { Horizon = book.EpisodeSeconds, TimeStep = book.StepSeconds, MaxInventory = book.MaxInventory };
        var risk = new RiskLimits { MaxPosition = book.MaxInventory * market.LotSize }.Validate();
        double lambda = book.Phi * market.TickSize / (market.LotSize * market.LotSize);
        var penalty = new InventoryPenalty(lambda, lambda);
        var candidates = new (string Label, IQuotingStrategy Strategy)[]
        {
            (kind, agentStrategy),
            ("as", StrategyCatalog.Create("as", analytical)),
            ("glft", StrategyCatalog.Create("glft", analytical)),
        };
        var evaluations = candidates.Select((c, i) =>
        {
            AgentMarketEvaluation evaluation = AgentMarketEvaluator.Evaluate(market, c.Strategy, c.Label, runs, seed, risk, analytical.Gamma, penalty);
            progress?.Report(new EvaluationProgress(i + 1, candidates.Length, c.Label));
            return evaluation;
        }).ToList();
        var differences = evaluations.Skip(1).Select(e => PairedComparison.Of(e, evaluations[0], penalty)).ToList();
        return new BookPolicyEvaluation(setup.Name, evaluations, differences);
    }
}
