using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Models;

namespace MarketMaking.Strategies;

/// <summary>The quoting models by name, built from one <see cref="StrategySettings"/>.</summary>
public static class StrategyCatalog
{
    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["as", "as-rolling", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive", "touch"];

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
