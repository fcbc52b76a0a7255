using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Learning.Evaluation;

/// <summary>The quotes of a strategy per inventory level and time left, beside a reference's (the optimum).</summary>
public static class QuoteTable
{
    public static IReadOnlyList<QuoteRow> Compare(IQuotingStrategy strategy, IQuotingStrategy reference, double horizon, IReadOnlyList<int> inventories, IReadOnlyList<double> timeLeftShares)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(inventories);
        ArgumentNullException.ThrowIfNull(timeLeftShares);
        var rows = new List<QuoteRow>();
        foreach (double share in timeLeftShares)
        {
            foreach (int q in inventories)
            {
                var context = new QuoteContext { Mid = 100, Inventory = q, TimeLeft = share * horizon, Time = (1 - share) * horizon, BestBid = double.NaN, BestAsk = double.NaN, Volatility = double.NaN };
                (double bid, double ask) = Depths(strategy.Decide(context));
                (double referenceBid, double referenceAsk) = Depths(reference.Decide(context));
                rows.Add(new QuoteRow(q, share, bid, ask, referenceBid, referenceAsk));
            }
        }

        return rows;
    }

    private static (double Bid, double Ask) Depths(QuoteDecision decision) =>
        (decision.BidCount > 0 ? 100 - decision.Bids[0].Price : double.NaN, decision.AskCount > 0 ? decision.Asks[0].Price - 100 : double.NaN);
}
