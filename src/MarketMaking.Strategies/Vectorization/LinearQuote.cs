namespace MarketMaking.Strategies.Vectorization;

/// <summary>
/// Quotes linear in inventory q: centre = mid − Skew·q, bid = centre − BidHalfSpread,
/// ask = centre + AskHalfSpread. Strategies of this shape compute their prices with exactly these
/// operations, in this order, so the vectorized market reproduces them bit for bit.
/// </summary>
public readonly record struct LinearQuote(double Skew, double BidHalfSpread, double AskHalfSpread)
{
    public double Centre(double mid, double inventory) => mid - (Skew * inventory);

    public double Bid(double mid, double inventory) => Centre(mid, inventory) - BidHalfSpread;

    public double Ask(double mid, double inventory) => Centre(mid, inventory) + AskHalfSpread;
}
