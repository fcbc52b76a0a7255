using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Economics;

/// <summary>
/// The economics of a quoted spread, in basis points of notional. A round trip is a buy and a
/// sell of the same size, each leg at half the quoted spread from the mid; each leg pays its fee
/// (negative: a rebate) and loses the slippage (adverse move or price impact) against the mid.
/// Both legs passive: net = spread − 2·(maker + slippage). One leg taken to flatten inventory:
/// that leg pays the taker fee and is assumed done at the mid (optimistic: crossing the market's own
/// spread costs more), so net = spread/2 − maker − taker − 2·slippage.
/// </summary>
public sealed record Breakeven(double MakerFeeBps, double TakerFeeBps, double SlippageBps, double TargetBps)
{
    public Breakeven Validate()
    {
        RequireFeeBps("maker-fee-bps", MakerFeeBps, maker: true);
        RequireFeeBps("taker-fee-bps", TakerFeeBps, maker: false);
        InvalidParameterException.RequireNonNegative("slippage-bps", SlippageBps);
        InvalidParameterException.RequireFinite("target-bps", TargetBps);
        return this;
    }

    /// <summary>
    /// A fee in basis points is a fee rate times 10,000: the same bounds as every fee rate (taker
    /// [0, 10,000), maker (−10,000, 10,000)), said in the option's own unit. A maker fee of −20,000 bp
    /// printed a breakeven spread of −40,000 bp.
    /// </summary>
    private static void RequireFeeBps(string parameter, double bps, bool maker)
    {
        if (!InvalidParameterException.IsFeeRate(bps / 10_000, maker))
        {
            string range = maker ? "(−10000, 10000); negative: a rebate" : "[0, 10000)";
            throw new InvalidParameterException(parameter, $"must be a fee in bp of the notional in {range}, got {bps.ToString("G", System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Smallest quoted spread whose passive round trips earn the target.</summary>
    public double MinimumSpreadBps => TargetBps + (2 * (MakerFeeBps + SlippageBps));

    /// <summary>Smallest quoted spread when one leg of every round trip is taken.</summary>
    public double MinimumSpreadWithTakerExitBps => 2 * (TargetBps + MakerFeeBps + TakerFeeBps + (2 * SlippageBps));

    /// <summary>Net edge of one passive round trip at <paramref name="spreadBps"/>.</summary>
    public double NetPerRoundTripBps(double spreadBps) => spreadBps - (2 * (MakerFeeBps + SlippageBps));

    /// <summary>
    /// Expected PnL per day (quote currency) from <paramref name="tradesPerDay"/> fills of
    /// <paramref name="tradeNotional"/> each, paired into passive round trips at <paramref name="spreadBps"/>.
    /// </summary>
    public double DailyPnl(double spreadBps, double tradesPerDay, double tradeNotional) =>
        tradesPerDay / 2 * tradeNotional * NetPerRoundTripBps(spreadBps) / 10_000;
}
