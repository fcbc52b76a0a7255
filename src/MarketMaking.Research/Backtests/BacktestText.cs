using System.Globalization;

namespace MarketMaking.Research.Backtests;

/// <summary>Lines the backtests' reports share (and mm trade's run folder).</summary>
public static class BacktestText
{
    // Every setting a strategy can read (DescribedSettings.Values), by config key, as the line says it.
    private static readonly Dictionary<string, Func<double, FormattableString>> Texts = new(StringComparer.Ordinal)
    {
        ["gamma"] = v => $"γ {v}",
        ["sigma"] = v => $"σ {v:G4}",
        ["A"] = v => $"A {v:G4}",
        ["kappa"] = v => $"κ {v:G4}",
        ["horizon"] = v => $"T {v}",
        ["rolling_horizon"] = v => $"rolling horizon {v}",
        ["dt"] = v => $"dt {v}",
        ["phi"] = v => $"φ {v}",
        ["terminal_penalty"] = v => $"terminal penalty {v}",
        ["order_size"] = v => $"order size {v}",
        ["max_inventory"] = v => $"max inventory {v}",
        ["spread_bps"] = v => $"spread {v} bp",
        ["skew_factor"] = v => $"skew factor {v}",
        ["base_spread"] = v => $"base spread {v}",
        ["vol_ref"] = v => $"vol ref {v}",
        ["min_spread"] = v => $"min spread {v}",
        ["inventory_skew"] = v => $"inventory skew {v}",
        ["skew_accel"] = v => $"skew accel {v}",
        ["alpha_skew"] = v => $"alpha skew {v}",
        ["imbalance_skew"] = v => $"imbalance skew {v}",
    };

    /// <summary>
    /// The strategies' parameters as one report line, only those the run's strategies read
    /// (<see cref="DescribedSettings.Read"/>): a fixed spread has no γ, Avellaneda–Stoikov no spread.
    /// </summary>
    public static KeyValuePair<string, string> StrategySettings(DescribedSettings described)
    {
        ArgumentNullException.ThrowIfNull(described);
        string[] listed = [.. described.Values.Select(setting => Texts[setting.Key](setting.Value).ToString(CultureInfo.InvariantCulture))];
        return new("strategy settings", listed.Length > 0 ? string.Join(", ", listed) : "none");
    }
}
