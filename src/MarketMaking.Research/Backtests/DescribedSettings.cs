using MarketMaking.Research.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>The strategy settings a report lists: the values, and which of them the run's strategies read.</summary>
/// <param name="Settings">The settings the strategies were built from.</param>
/// <param name="Read">The settings (config keys) at least one of the run's strategies reads; only these are listed.</param>
public sealed record DescribedSettings(StrategySettings Settings, IReadOnlySet<string> Read)
{
    // Every setting a strategy can read, by config key, in the order reports list them: a
    // strategy's parameters (StrategyFactory.Parameters) all have an entry here.
    private static readonly (string Key, Func<StrategySettings, double> Value)[] Keys =
    [
        ("gamma", s => s.Gamma),
        ("sigma", s => s.Sigma),
        ("A", s => s.A),
        ("kappa", s => s.Kappa),
        ("horizon", s => s.Horizon),
        ("rolling_horizon", s => s.RollingHorizon),
        ("dt", s => s.TimeStep),
        ("phi", s => s.Phi),
        ("terminal_penalty", s => s.TerminalPenalty),
        ("order_size", s => s.OrderQuantity),
        ("max_inventory", s => s.MaxInventory),
        ("spread_bps", s => s.SpreadBps),
        ("skew_factor", s => s.SkewFactor),
        ("base_spread", s => s.BaseSpread),
        ("vol_ref", s => s.VolatilityReference),
        ("min_spread", s => s.MinSpread),
        ("inventory_skew", s => s.InventorySkew),
        ("skew_accel", s => s.SkewAcceleration),
        ("alpha_skew", s => s.AlphaSkew),
        ("imbalance_skew", s => s.ImbalanceSkew),
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
}
