using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>
/// Cross-venue checks on two books of the same asset, both paying taker fees when crossing: an
/// arbitrage exists when one venue's bid, net of its taker fee, is above the other's ask grossed up
/// by its taker fee; and the maker prices on venue A that leave at least <c>min_profitability</c>
/// (a fraction of notional) after A's maker fee and the hedge venue B's taker fee.
/// </summary>
public static class CrossVenueArbitrage
{
    /// <summary>
    /// Profit per unit, as a fraction of the buy price, of buying at <paramref name="ask"/> on one venue
    /// and selling at <paramref name="bid"/> on the other: bid·(1 − f_sell) / (ask·(1 + f_buy)) − 1.
    /// Positive: an arbitrage after fees.
    /// </summary>
    public static double NetEdge(double bid, double sellTakerFee, double ask, double buyTakerFee)
    {
        if (!(bid > 0) || !(ask > 0))
        {
            return double.NaN;
        }

        return (bid * (1 - sellTakerFee) / (ask * (1 + buyTakerFee))) - 1;
    }

    /// <summary>
    /// The highest bid on the making venue such that buying there (maker fee) and selling the fill at
    /// the hedge venue's bid (taker fee) earns at least <paramref name="minProfitability"/> of notional:
    /// b·(1 + f_m)·(1 + p) = h_bid·(1 − f_t).
    /// </summary>
    public static double MakerBid(double hedgeBid, double hedgeTakerFee, double makerFee, double minProfitability)
    {
        InvalidParameterException.RequireFinite("min_profitability", minProfitability);
        return hedgeBid * (1 - hedgeTakerFee) / ((1 + makerFee) * (1 + minProfitability));
    }

    /// <summary>
    /// The lowest ask on the making venue such that selling there (maker fee) and buying the hedge at
    /// the hedge venue's ask (taker fee) earns at least <paramref name="minProfitability"/>:
    /// a·(1 − f_m) = h_ask·(1 + f_t)·(1 + p).
    /// </summary>
    public static double MakerAsk(double hedgeAsk, double hedgeTakerFee, double makerFee, double minProfitability)
    {
        InvalidParameterException.RequireFinite("min_profitability", minProfitability);
        return hedgeAsk * (1 + hedgeTakerFee) * (1 + minProfitability) / (1 - makerFee);
    }
}
