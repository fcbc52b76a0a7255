using System.Globalization;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Backtests;

/// <summary>Lines the backtests' reports share (and mm trade's run folder).</summary>
public static class BacktestText
{
    /// <summary>The strategy's parameters as one report line: γ, σ, A, κ, T, order size, max inventory, spread, skew factor.</summary>
    public static KeyValuePair<string, string> StrategySettings(StrategySettings s) => new("strategy settings", string.Create(
        CultureInfo.InvariantCulture,
        $"γ {s.Gamma}, σ {s.Sigma:G4}, A {s.A:G4}, κ {s.Kappa:G4}, T {s.Horizon}, order size {s.OrderQuantity}, max inventory {s.MaxInventory}, spread {s.SpreadBps} bp, skew factor {s.SkewFactor}"));
}
