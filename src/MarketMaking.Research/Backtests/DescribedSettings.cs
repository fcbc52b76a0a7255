using System.Globalization;
using MarketMaking.Research.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>The strategy settings a report lists: the values, and which of them the run's strategies read.</summary>
/// <param name="Settings">The settings the strategies were built from.</param>
/// <param name="Read">The settings (config keys) at least one of the run's strategies reads; only these are listed.</param>
public sealed record DescribedSettings(StrategySettings Settings, IReadOnlySet<string> Read)
{
    // Every setting a strategy can read, by config key, in the order reports list them, with how the
    // report line says it: a strategy's parameters (StrategyFactory.Parameters) all have an entry here.
    private static readonly (string Key, Func<StrategySettings, double> Value, Func<double, FormattableString> Text)[] Keys =
    [
        ("gamma", s => s.Gamma, v => $"γ {v}"),
        ("sigma", s => s.Sigma, v => $"σ {v:G4}"),
        ("A", s => s.A, v => $"A {v:G4}"),
        ("kappa", s => s.Kappa, v => $"κ {v:G4}"),
        ("horizon", s => s.Horizon, v => $"T {v}"),
        ("rolling_horizon", s => s.RollingHorizon, v => $"rolling horizon {v}"),
        ("dt", s => s.TimeStep, v => $"dt {v}"),
        ("phi", s => s.Phi, v => $"φ {v}"),
        ("terminal_penalty", s => s.TerminalPenalty, v => $"terminal penalty {v}"),
        ("order_size", s => s.OrderQuantity, v => $"order size {v}"),
        ("max_inventory", s => s.MaxInventory, v => $"max inventory {v}"),
        ("spread_bps", s => s.SpreadBps, v => $"spread {v} bp"),
        ("skew_factor", s => s.SkewFactor, v => $"skew factor {v}"),
        ("base_spread", s => s.BaseSpread, v => $"base spread {v}"),
        ("vol_ref", s => s.VolatilityReference, v => $"vol ref {v}"),
        ("min_spread", s => s.MinSpread, v => $"min spread {v}"),
        ("inventory_skew", s => s.InventorySkew, v => $"inventory skew {v}"),
        ("skew_accel", s => s.SkewAcceleration, v => $"skew accel {v}"),
        ("alpha_skew", s => s.AlphaSkew, v => $"alpha skew {v}"),
        ("imbalance_skew", s => s.ImbalanceSkew, v => $"imbalance skew {v}"),
    ];

    /// <summary>The settings as <paramref name="strategies"/> (catalog names or nn-spread) read them.</summary>
    /// <exception cref="Core.Errors.InvalidParameterException">A strategy name is unknown.</exception>
    public static DescribedSettings For(StrategySettings settings, IEnumerable<string> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return new(settings, strategies.SelectMany(StrategyFactory.Parameters).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The values of the settings read, by config key (spread_bps, order_size, …), in the order reports list them.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Values =>
        [.. Keys.Where(key => Read.Contains(key.Key)).Select(key => KeyValuePair.Create(key.Key, key.Value(Settings)))];

    /// <summary>The settings read as a report says them (γ 0.1, spread 10 bp, …), in the same order.</summary>
    public IReadOnlyList<string> Texts =>
        [.. Keys.Where(key => Read.Contains(key.Key)).Select(key => key.Text(key.Value(Settings)).ToString(CultureInfo.InvariantCulture))];
}
