using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Bars;

/// <summary>How a bar backtest fills our quotes.</summary>
public sealed record BarSettings
{
    public BarFillRule FillRule { get; init; } = BarFillRule.Through;

    /// <summary>Fill probability on a touch, for <see cref="BarFillRule.TouchWithProbability"/>.</summary>
    public double TouchFillProbability { get; init; } = 0.5;

    /// <summary>Each fill's price moves this many basis points against us (a cost on top of fees).</summary>
    public double SlippageBps { get; init; }

    /// <summary>Seed of the touch-fill draws.</summary>
    public int Seed { get; init; } = 1;

    public BarSettings Validate()
    {
        if (!Enum.IsDefined(FillRule))
        {
            throw new InvalidParameterException("fill_rule", $"unknown rule {FillRule}");
        }

        InvalidParameterException.RequireProbability("touch_fill_probability", TouchFillProbability);
        InvalidParameterException.RequireNonNegative("slippage_bps", SlippageBps);
        return this;
    }
}
