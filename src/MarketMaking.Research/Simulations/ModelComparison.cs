using MarketMaking.Core.Accounting;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// Strategies compared on model markets by Monte Carlo (the vectorized engine, trajectory 0 also
/// through the event loop for the report): what <c>mm simulate</c> and <c>mm demo</c> run.
/// </summary>
public static class ModelComparison
{
    /// <summary>Every model <c>mm demo</c> compares.</summary>
    public static IReadOnlyList<string> DemoStrategies { get; } = ["as", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive"];

    /// <summary>Each strategy on <paramref name="market"/> over the same trajectories.</summary>
    /// <param name="name">The market's name in reports.</param>
    /// <param name="market">The model market.</param>
    /// <param name="monteCarlo">Trajectories, seed, limits.</param>
    /// <param name="strategies">The strategies with their labels.</param>
    /// <param name="riskAversion">γ of the mean–variance and CARA utilities.</param>
    /// <param name="penalty">The running inventory penalty of the penalized PnL.</param>
    public static MarketEvaluations Run(string name, ModelMarketParameters market, MonteCarloSettings monteCarlo, IEnumerable<(string Label, IQuotingStrategy Strategy)> strategies, double riskAversion, InventoryPenalty penalty = default)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return new MarketEvaluations(name, market, [.. strategies.Select(s => StrategyEvaluator.Evaluate(market, monteCarlo, s.Label, s.Strategy, riskAversion, penalty))]);
    }

    /// <summary>
    /// <c>mm demo</c>: every model of <see cref="DemoStrategies"/> on every model-market preset with
    /// <see cref="ComparableSettings"/>. <paramref name="monteCarlo"/> gives trajectories, seed and
    /// limits; its decision interval is each market's strategy update interval.
    /// </summary>
    public static IReadOnlyList<MarketEvaluations> Demo(MonteCarloSettings monteCarlo, InventoryPenalty penalty = default)
    {
        ArgumentNullException.ThrowIfNull(monteCarlo);
        var markets = new List<MarketEvaluations>();
        foreach (string name in ModelMarketPresets.Names)
        {
            ModelMarketParameters market = ModelMarketPresets.Get(name);
            StrategySettings settings = ComparableSettings(market);
            MonteCarloSettings runs = (monteCarlo with { DecisionInterval = settings.UpdateInterval }).Validate();
            markets.Add(Run(name, market, runs, DemoStrategies.Select(s => (s, StrategyCatalog.Create(s, settings))), settings.Gamma, penalty));
        }

        return markets;
    }

    /// <summary>
    /// Every model with parameters that make them comparable on <paramref name="market"/>: the true
    /// σ, A, κ; γ = 0.1; Cartea–Jaimungal's running penalty φ = γσ²/2 (the same penalty on q² as
    /// Avellaneda–Stoikov's variance term); the fixed and adaptive spreads set to AS's average
    /// spread; the adaptive alpha skew 1/θ (how far the alpha carries the mid before it fades).
    /// </summary>
    public static StrategySettings ComparableSettings(ModelMarketParameters market)
    {
        ArgumentNullException.ThrowIfNull(market);
        const double gamma = 0.1;
        double averageSpread = (gamma * market.Sigma * market.Sigma * market.Horizon / 2) + ((2 / gamma) * Math.Log(1 + (gamma / market.Kappa)));
        return new StrategySettings
        {
            Gamma = gamma,
            Sigma = market.Sigma,
            A = market.A,
            Kappa = market.Kappa,
            Horizon = market.Horizon,
            TimeStep = market.TimeStep,
            MaxInventory = 20,
            Phi = gamma * market.Sigma * market.Sigma / 2,
            TerminalPenalty = 0.01,
            SpreadBps = averageSpread / market.InitialMid * 1e4,
            SkewFactor = 0.5,
            BaseSpread = averageSpread,
            VolatilityReference = market.Sigma,
            InventorySkew = gamma * market.Sigma * market.Sigma * market.Horizon / 2,
            AlphaSkew = market.HasAlpha ? 1 / market.AlphaReversion : 0,
        };
    }
}
