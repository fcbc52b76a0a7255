using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>
/// Makes on one venue at prices taken from the hedge venue's book (<see cref="CrossVenueArbitrage"/>):
/// the bid is the highest that, filled and sold at the hedge venue's bid, earns at least
/// <c>min_profitability</c> after the maker fee here and the taker fee there, the ask likewise
/// from the hedge ask; snapped outward to this venue's tick, so rounding only adds edge. A side
/// whose hedge side is empty is withdrawn. Reads the hedge book live, as it stood when the quoted
/// venue's message arrived.
/// </summary>
public sealed class CrossVenueQuotes : IQuotingStrategy
{
    private readonly IOrderBookView _hedgeBook;
    private readonly double _hedgeTick, _hedgeTakerFee, _makerFee, _minProfitability, _tick, _quantity;

    /// <param name="hedgeBook">The hedge venue's book.</param>
    /// <param name="hedgeTick">Its tick size.</param>
    /// <param name="hedgeTakerFee">The hedge venue's taker fee rate.</param>
    /// <param name="makerFee">This venue's maker fee rate.</param>
    /// <param name="minProfitability">Least edge per fill after both fees, a fraction of notional.</param>
    /// <param name="tick">This venue's tick size.</param>
    /// <param name="quantity">Order size (a multiple of both venues' lots, so each fill can be hedged exactly).</param>
    public CrossVenueQuotes(IOrderBookView hedgeBook, double hedgeTick, double hedgeTakerFee, double makerFee, double minProfitability, double tick, double quantity)
    {
        _hedgeBook = hedgeBook ?? throw new ArgumentNullException(nameof(hedgeBook));
        _hedgeTick = InvalidParameterException.RequirePositive("hedge tick_size", hedgeTick);
        _hedgeTakerFee = InvalidParameterException.RequireFinite("hedge-taker-fee", hedgeTakerFee);
        _makerFee = InvalidParameterException.RequireFinite("maker-fee", makerFee);
        _minProfitability = InvalidParameterException.RequireNonNegative("min-profitability", minProfitability);
        _tick = InvalidParameterException.RequirePositive("tick_size", tick);
        _quantity = InvalidParameterException.RequirePositive("order_qty", quantity);
    }

    public string Name => "cross-venue";

    public QuoteDecision Decide(in QuoteContext context)
    {
        var decision = new QuoteDecision();
        if (_hedgeBook.LevelCount(Side.Buy) > 0)
        {
            double bid = CrossVenueArbitrage.MakerBid(_hedgeBook.Best(Side.Buy).Price * _hedgeTick, _hedgeTakerFee, _makerFee, _minProfitability);
            decision.Add(Side.Buy, Math.Floor(bid / _tick) * _tick, _quantity);
        }

        if (_hedgeBook.LevelCount(Side.Sell) > 0)
        {
            double ask = CrossVenueArbitrage.MakerAsk(_hedgeBook.Best(Side.Sell).Price * _hedgeTick, _hedgeTakerFee, _makerFee, _minProfitability);
            decision.Add(Side.Sell, Math.Ceiling(ask / _tick) * _tick, _quantity);
        }

        return decision;
    }
}
