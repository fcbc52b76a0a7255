using MarketMaking.Core.Errors;

namespace MarketMaking.Learning.Environments;

/// <summary>
/// The bounds of a continuous depth action, the same on both sides (price units on the model
/// market, ticks on the book). A squashed action a in [−1, 1] maps linearly onto [Min, Max].
/// </summary>
public readonly record struct DepthRange
{
    public DepthRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min < 0 || !(max > min))
        {
            throw new InvalidParameterException("depth_range", $"need 0 ≤ min < max, finite, got [{min}, {max}]");
        }

        (Min, Max) = (min, max);
    }

    public double Min { get; }

    public double Max { get; }

    /// <summary>From the whole span of a depth grid: 0 up to its largest depth.</summary>
    public static DepthRange UpTo(DepthGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new DepthRange(0, Math.Max(grid.BidDepths.Max(), grid.AskDepths.Max()));
    }

    /// <summary>The depth of a squashed action a in [−1, 1] (clamped, so rounding past ±1 stays inside).</summary>
    public double Depth(double action) => Min + ((Max - Min) * 0.5 * (Math.Clamp(action, -1, 1) + 1));

    /// <summary>The squashed action of a depth, clamped into the range.</summary>
    public double Action(double depth) => Math.Clamp((2 * (depth - Min) / (Max - Min)) - 1, -1, 1);
}
