using MarketMaking.Core.Quoting;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// The naive quoter (name "touch"): joins the market's best bid and ask with a fixed size,
/// whatever the inventory or the flow. On a one-tick market it quotes half a tick either side of
/// the mid. A baseline that shows adverse selection: its fills' markouts are what the flow does to
/// a maker who does not think. Without a book it quotes nothing.
/// </summary>
public sealed class TouchStrategy : IQuotingStrategy
{
    private readonly double _quantity;

    public TouchStrategy(double quantity)
    {
        _quantity = Core.Errors.InvalidParameterException.RequirePositive("order_size", quantity);
    }

    public string Name => "touch";

    public QuoteDecision Decide(in QuoteContext context) => QuoteDecision.TwoSided(context.BestBid, context.BestAsk, _quantity);
}
