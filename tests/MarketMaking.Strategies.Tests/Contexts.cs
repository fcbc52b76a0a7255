using MarketMaking.Core.Quoting;

namespace MarketMaking.Strategies.Tests;

/// <summary>Builds decision contexts for tests.</summary>
internal static class Contexts
{
    public static QuoteContext At(double mid, double inventory, double timeLeft, double volatility = 0, double alpha = 0) => new()
    {
        Mid = mid,
        Inventory = inventory,
        TimeLeft = timeLeft,
        Volatility = volatility,
        Alpha = alpha,
        BestBid = double.NaN,
        BestAsk = double.NaN,
    };
}
