using MarketMaking.Simulation.Arbitrage;
using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Research.Arbitrage;

/// <summary>
/// What taking the episodes did: takes sent and skipped, the legs' costs (each leg a taker order
/// split like a hedge: spread, slippage past the touch, the mid's move while it travelled, fee), and
/// the PnL of every leg marked at its venue's last mid (an inverse leg as its coins at the prices
/// taken, which equals its coin PnL valued at the last price).
/// </summary>
public sealed record ArbitrageTakeSummary
{
    /// <summary>Takes sent (two legs each).</summary>
    public int Sent { get; init; }

    /// <summary>Takes whose two legs both filled.</summary>
    public int BothFilled { get; init; }

    /// <summary>Episodes not taken because a take was travelling.</summary>
    public int SkippedBusy { get; init; }

    /// <summary>Episodes whose size was below a lot of either venue.</summary>
    public int SkippedBelowLot { get; init; }

    /// <summary>Legs that found an empty side.</summary>
    public int UnfilledLegs { get; init; }

    /// <summary>Legs still travelling when the data ended.</summary>
    public int TravellingAtEnd { get; init; }

    /// <summary>Mean net edge at the touch when sent, over the takes with both legs (bp).</summary>
    public double MeanExpectedEdgeBps { get; init; }

    /// <summary>Mean net edge of the prices obtained, fees paid (bp).</summary>
    public double MeanRealizedEdgeBps { get; init; }

    /// <summary>Coins sold over all legs.</summary>
    public double Sold { get; init; }

    /// <summary>Coins bought over all legs.</summary>
    public double Bought { get; init; }

    /// <summary>Half spreads crossed by the legs, summed.</summary>
    public double SpreadCost { get; init; }

    /// <summary>Depth walked past the touch, summed.</summary>
    public double SlippageCost { get; init; }

    /// <summary>The mids' moves against the legs while they travelled, summed.</summary>
    public double DelayCost { get; init; }

    /// <summary>Taker fees of the legs.</summary>
    public double Fees { get; init; }

    /// <summary>Every leg's cash plus its position at its venue's last mid (quote currency).</summary>
    public double Pnl { get; init; }

    /// <summary>
    /// What the takes with both legs locked in on the quantity both legs filled: q·(sell − buy) − the
    /// legs' fees pro rata. The rest of <see cref="Pnl"/> is the position carried (sold on one venue,
    /// bought on another) marked at the venues' last mids: for a same-asset pair, −q times the gap
    /// between the two mids at the end.
    /// </summary>
    public double LockedPnl { get; init; }

    /// <summary>Every take with its legs.</summary>
    public required IReadOnlyList<ArbitrageTake> Takes { get; init; }

    /// <summary>The figures of <paramref name="taker"/>, legs marked at <paramref name="lastMids"/> (by venue).</summary>
    public static ArbitrageTakeSummary From(ArbitrageTaker taker, IReadOnlyList<double> lastMids)
    {
        ArgumentNullException.ThrowIfNull(taker);
        ArgumentNullException.ThrowIfNull(lastMids);
        var legs = taker.Takes
            .SelectMany(t => new[] { (Venue: t.SellVenue, Leg: t.Sell), (Venue: t.BuyVenue, Leg: t.Buy) })
            .Where(l => l.Leg is not null)
            .Select(l => (l.Venue, Leg: l.Leg!.Value))
            .ToList();
        ArbitrageTake[] both = [.. taker.Takes.Where(t => t.Sell is not null && t.Buy is not null)];
        return new ArbitrageTakeSummary
        {
            Sent = taker.Takes.Count,
            BothFilled = both.Length,
            SkippedBusy = taker.SkippedBusy,
            SkippedBelowLot = taker.SkippedBelowLot,
            UnfilledLegs = taker.Unfilled,
            TravellingAtEnd = taker.PendingCount,
            MeanExpectedEdgeBps = both.Length > 0 ? both.Average(t => t.ExpectedEdge) * 1e4 : double.NaN,
            MeanRealizedEdgeBps = both.Length > 0 ? both.Average(t => t.RealizedEdge) * 1e4 : double.NaN,
            Sold = legs.Where(l => l.Leg.SignedQuantity < 0).Sum(l => l.Leg.Quantity),
            Bought = legs.Where(l => l.Leg.SignedQuantity > 0).Sum(l => l.Leg.Quantity),
            SpreadCost = legs.Sum(l => l.Leg.SpreadCost),
            SlippageCost = legs.Sum(l => l.Leg.SlippageCost),
            DelayCost = legs.Sum(l => l.Leg.DelayCost),
            Fees = legs.Sum(l => l.Leg.Fee),
            LockedPnl = both.Sum(Locked),
            Pnl = legs.Sum(l => (l.Leg.SignedQuantity * (lastMids[l.Venue] - l.Leg.AveragePrice)) - l.Leg.Fee),
            Takes = [.. taker.Takes],
        };
    }

    private static double Locked(ArbitrageTake take)
    {
        HedgeExecution sell = take.Sell!.Value, buy = take.Buy!.Value;
        double q = Math.Min(sell.Quantity, buy.Quantity);
        return (q * (sell.AveragePrice - buy.AveragePrice)) - (sell.Fee * q / sell.Quantity) - (buy.Fee * q / buy.Quantity);
    }
}
