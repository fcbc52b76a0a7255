using System.Globalization;
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

    // The settings held as int (a config refuses a fraction for them), so a sweep must not try one.
    private static readonly HashSet<string> WholeNumbers = new(StringComparer.Ordinal) { "max_inventory" };

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

    /// <summary>Whether the parameter takes whole numbers only (max_inventory).</summary>
    public static bool IsWholeNumber(string name) => WholeNumbers.Contains(name);

    /// <summary>Refuses a value that is not a whole number (or beyond an int) for a parameter that takes whole numbers only.</summary>
    /// <exception cref="InvalidParameterException">The parameter takes whole numbers and the value is not one.</exception>
    public static void RequireValue(string option, string name, double value)
    {
        if (IsWholeNumber(name) && (value != Math.Round(value) || Math.Abs(value) > int.MaxValue))
        {
            throw new InvalidParameterException(option, $"{name} takes whole numbers, got {value.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// Refuses a swept parameter nothing reads, so every point would score the same: one the
    /// strategy is not built from (<paramref name="read"/>: its parameters and those the market reads
    /// for every strategy, such as update_freq) — gamma for fixed.
    /// </summary>
    /// <param name="option">The option that named the parameter (grid or range).</param>
    /// <param name="strategy">The strategy swept.</param>
    /// <param name="read">Every setting the strategy and the market read, by config key.</param>
    /// <param name="swept">The parameters the sweep varies.</param>
    /// <exception cref="InvalidParameterException">A swept parameter is not read.</exception>
    public static void RequireRead(string option, string strategy, IReadOnlyCollection<string> read, IEnumerable<string> swept)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(swept);
        if (swept.FirstOrDefault(name => !read.Contains(name)) is { } ignored)
        {
            throw new InvalidParameterException(option, $"{strategy} does not read {ignored}, so every point would give the same result; it reads {string.Join(", ", Setters.Keys.Where(read.Contains))}");
        }
    }

    /// <summary>The settings with each (name, value) set; names must be tunable (<see cref="Require"/>).</summary>
    public static StrategySettings Apply(StrategySettings settings, IReadOnlyList<(string Name, double Value)> values) =>
        values.Aggregate(settings, (s, p) => Setters[p.Name](s, p.Value));
}
