using System.Globalization;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>Lines the backtests' reports share (and mm trade's run folder).</summary>
public static class BacktestText
{
    // Every setting a strategy can read, by config key, in the order the line lists them: a
    // strategy's parameters (StrategyFactory.Parameters) all have an entry here.
    private static readonly (string Key, Func<StrategySettings, FormattableString> Text)[] Settings =
    [
        ("gamma", s => $"γ {s.Gamma}"),
        ("sigma", s => $"σ {s.Sigma:G4}"),
        ("A", s => $"A {s.A:G4}"),
        ("kappa", s => $"κ {s.Kappa:G4}"),
        ("horizon", s => $"T {s.Horizon}"),
        ("rolling_horizon", s => $"rolling horizon {s.RollingHorizon}"),
        ("dt", s => $"dt {s.TimeStep}"),
        ("phi", s => $"φ {s.Phi}"),
        ("terminal_penalty", s => $"terminal penalty {s.TerminalPenalty}"),
        ("order_size", s => $"order size {s.OrderQuantity}"),
        ("max_inventory", s => $"max inventory {s.MaxInventory}"),
        ("spread_bps", s => $"spread {s.SpreadBps} bp"),
        ("skew_factor", s => $"skew factor {s.SkewFactor}"),
        ("base_spread", s => $"base spread {s.BaseSpread}"),
        ("vol_ref", s => $"vol ref {s.VolatilityReference}"),
        ("min_spread", s => $"min spread {s.MinSpread}"),
        ("inventory_skew", s => $"inventory skew {s.InventorySkew}"),
        ("skew_accel", s => $"skew accel {s.SkewAcceleration}"),
        ("alpha_skew", s => $"alpha skew {s.AlphaSkew}"),
        ("imbalance_skew", s => $"imbalance skew {s.ImbalanceSkew}"),
    ];

    /// <summary>
    /// The strategies' parameters as one report line, only those the run's strategies read
    /// (<see cref="DescribedSettings.Read"/>): a fixed spread has no γ, Avellaneda–Stoikov no spread.
    /// </summary>
    public static KeyValuePair<string, string> StrategySettings(DescribedSettings described)
    {
        ArgumentNullException.ThrowIfNull(described);
        string[] listed = [.. Settings.Where(setting => described.Read.Contains(setting.Key)).Select(setting => setting.Text(described.Settings).ToString(CultureInfo.InvariantCulture))];
        return new("strategy settings", listed.Length > 0 ? string.Join(", ", listed) : "none");
    }
}
