using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;

namespace MarketMaking.Signals.Volatility;

internal static class BarValidation
{
    public static int RequireBars(int bars) =>
        bars >= 1 ? bars : throw new InvalidParameterException("bars", $"must be at least 1, got {bars}");

    /// <summary>Range estimators take logs of prices: every price positive and L ≤ O, C ≤ H.</summary>
    public static void RequirePositivePrices(in Bar bar)
    {
        bool valid = bar.Low > 0 && bar.Low <= bar.High
            && bar.Open >= bar.Low && bar.Open <= bar.High
            && bar.Close >= bar.Low && bar.Close <= bar.High;
        if (!valid)
        {
            throw new ArgumentException($"bar at {bar.OpenTime} needs 0 < low ≤ open, close ≤ high; got O={bar.Open} H={bar.High} L={bar.Low} C={bar.Close}", nameof(bar));
        }
    }
}
