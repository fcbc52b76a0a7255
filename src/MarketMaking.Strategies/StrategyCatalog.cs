using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies;

/// <summary>The quoting models by name, built from one <see cref="StrategySettings"/>.</summary>
public static class StrategyCatalog
{
    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["as", "as-rolling", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive", "touch"];

    // The settings each model is built from, by config key (see Create): a key a model is not
    // built from cannot change its quotes.
    private static readonly Dictionary<string, string[]> ParametersByName = new(StringComparer.Ordinal)
    {
        ["as"] = ["gamma", "sigma", "kappa", "order_size", "horizon"],
        ["as-rolling"] = ["gamma", "sigma", "kappa", "order_size", "rolling_horizon"],
        ["symmetric"] = ["gamma", "sigma", "kappa", "order_size", "horizon"],
        ["glft"] = ["gamma", "sigma", "A", "kappa", "order_size", "max_inventory"],
        ["glft-exact"] = ["gamma", "sigma", "A", "kappa", "max_inventory", "order_size", "horizon", "dt"],
        ["cj"] = ["A", "kappa", "phi", "terminal_penalty", "max_inventory", "order_size", "horizon", "dt"],
        ["fixed"] = ["spread_bps", "max_inventory", "order_size", "skew_factor"],
        ["adaptive"] = ["base_spread", "vol_ref", "min_spread", "inventory_skew", "skew_accel", "alpha_skew", "max_inventory", "order_size", "imbalance_skew"],
        ["touch"] = ["order_size"],
    };

    /// <summary>
    /// The settings (<see cref="StrategySettings"/> by config key) the named strategy quotes from;
    /// update_freq is the run's (how often it decides), not a model's.
    /// </summary>
    /// <exception cref="InvalidParameterException">The name is unknown.</exception>
    public static IReadOnlyList<string> Parameters(string name) =>
        ParametersByName.TryGetValue(name, out string[]? keys)
            ? keys
            : throw new InvalidParameterException("strategy", $"unknown strategy '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>Builds the named strategy; throws <see cref="InvalidParameterException"/> for an unknown name or a bad parameter.</summary>
    public static IQuotingStrategy Create(string name, StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings;
        return name switch
        {
            "as" => new AvellanedaStoikovStrategy(AvellanedaStoikov(s, AvellanedaStoikovMode.FiniteHorizon)),
            "as-rolling" => new AvellanedaStoikovStrategy(AvellanedaStoikov(s, AvellanedaStoikovMode.Rolling)),
            "symmetric" => new SymmetricAvellanedaStoikovStrategy(AvellanedaStoikov(s, AvellanedaStoikovMode.FiniteHorizon)),
            "glft" => new GlftApproximationStrategy(new GlftApproximationParameters(s.Gamma, s.Sigma, s.A, s.Kappa, s.OrderQuantity, s.MaxInventory)),
            "glft-exact" => new GlftExactStrategy(new GlftExactParameters(s.Gamma, s.Sigma, s.A, s.Kappa, s.MaxInventory, s.OrderQuantity, s.Horizon, s.TimeStep)),
            "cj" => new CarteaJaimungalStrategy(new CarteaJaimungalParameters(s.A, s.Kappa, s.Phi, s.TerminalPenalty, s.MaxInventory, s.OrderQuantity, s.Horizon, s.TimeStep)),
            "fixed" => new FixedSpreadStrategy(new FixedSpreadParameters(s.SpreadBps, s.MaxInventory, s.OrderQuantity, s.SkewFactor, s.UpdateInterval)),
            "adaptive" => new AdaptiveSkewStrategy(new AdaptiveSkewParameters(s.BaseSpread, s.VolatilityReference, s.MinSpread, s.InventorySkew, s.SkewAcceleration, s.AlphaSkew, s.MaxInventory, s.OrderQuantity, s.ImbalanceSkew)),
            "touch" => new TouchStrategy(s.OrderQuantity),
            _ => throw new InvalidParameterException("strategy", $"unknown strategy '{name}'; known: {string.Join(", ", Names)}"),
        };
    }

    private static AvellanedaStoikovParameters AvellanedaStoikov(StrategySettings s, AvellanedaStoikovMode mode) =>
        new(s.Gamma, s.Sigma, s.Kappa, s.OrderQuantity, mode, s.RollingHorizon, s.Horizon);
}
