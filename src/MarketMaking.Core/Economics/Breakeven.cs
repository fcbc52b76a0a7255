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
        InvalidParameterException.RequireFinite("maker-fee-bps", MakerFeeBps);
        InvalidParameterException.RequireFinite("taker-fee-bps", TakerFeeBps);
        InvalidParameterException.RequireNonNegative("slippage-bps", SlippageBps);
        InvalidParameterException.RequireFinite("target-bps", TargetBps);
        return this;
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
