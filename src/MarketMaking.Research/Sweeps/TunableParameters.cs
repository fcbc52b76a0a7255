using MarketMaking.Core.Errors;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Sweeps;

/// <summary>The strategy parameters a sweep can vary, by their config names (spread_bps, gamma, max_inventory, …).</summary>
public static class TunableParameters
{
    private static readonly Dictionary<string, Func<StrategySettings, double, StrategySettings>> Setters = new(StringComparer.Ordinal)
    {
        ["gamma"] = (s, v) => s with { Gamma = v },
        ["max_inventory"] = (s, v) => s with { MaxInventory = (int)Math.Round(v) },
        ["order_size"] = (s, v) => s with { OrderQuantity = v },
        ["phi"] = (s, v) => s with { Phi = v },
        ["terminal_penalty"] = (s, v) => s with { TerminalPenalty = v },
        ["rolling_horizon"] = (s, v) => s with { RollingHorizon = v },
        ["spread_bps"] = (s, v) => s with { SpreadBps = v },
        ["skew_factor"] = (s, v) => s with { SkewFactor = v },
        ["update_freq"] = (s, v) => s with { UpdateInterval = v },
        ["base_spread"] = (s, v) => s with { BaseSpread = v },
        ["vol_ref"] = (s, v) => s with { VolatilityReference = v },
        ["inventory_skew"] = (s, v) => s with { InventorySkew = v },
        ["skew_accel"] = (s, v) => s with { SkewAcceleration = v },
        ["alpha_skew"] = (s, v) => s with { AlphaSkew = v },
        ["min_spread"] = (s, v) => s with { MinSpread = v },
        ["imbalance_skew"] = (s, v) => s with { ImbalanceSkew = v },
    };

    /// <summary>Every tunable parameter's name.</summary>
    public static IEnumerable<string> Names => Setters.Keys;

    /// <summary>Refuses a name that is not a tunable parameter.</summary>
    /// <exception cref="InvalidParameterException">The name is unknown.</exception>
    public static void Require(string name)
    {
        if (!Setters.ContainsKey(name))
        {
            throw new InvalidParameterException("grid", $"unknown parameter '{name}'; known: {string.Join(", ", Setters.Keys)}");
        }
    }

    /// <summary>The settings with each (name, value) set; names must be tunable (<see cref="Require"/>).</summary>
    public static StrategySettings Apply(StrategySettings settings, IReadOnlyList<(string Name, double Value)> values) =>
        values.Aggregate(settings, (s, p) => Setters[p.Name](s, p.Value));
}
