using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Quoting;

/// <summary>A quoting model's bid and ask depth for every inventory level: what <c>mm quotes</c> prints.</summary>
public static class QuoteDepths
{
    /// <summary>
    /// The depths of <paramref name="strategy"/> for q = −Q…Q order sizes of <paramref name="settings"/>,
    /// with <paramref name="timeLeft"/> to go (+∞: the stationary quotes).
    /// </summary>
    public static IReadOnlyList<QuoteDepth> For(IQuotingStrategy strategy, StrategySettings settings, double timeLeft)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<QuoteDepth>();
        for (int q = -settings.MaxInventory; q <= settings.MaxInventory; q++)
        {
            // Mid 0: each price is then minus (bid) or plus (ask) its depth, with no round-off from the mid.
            var context = new QuoteContext { TimeLeft = timeLeft, Mid = 0, BestBid = double.NaN, BestAsk = double.NaN, Inventory = q * settings.OrderQuantity, Volatility = settings.Sigma };
            QuoteDecision decision = strategy.Decide(in context);
            rows.Add(new QuoteDepth(q, decision.BidCount > 0 ? -decision.Bids[0].Price : null, decision.AskCount > 0 ? decision.Asks[0].Price : null));
        }

        return rows;
    }
}
