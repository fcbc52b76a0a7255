namespace MarketMaking.Core.Accounting;

/// <summary>
/// FIFO round trips of a ledger. One round trip is one match between (part of) an opening lot
/// and (part of) a closing fill; its PnL is gross of fees. A zero-PnL trip is neither win nor loss.
/// </summary>
/// <param name="MeanHoldingTime">Quantity-weighted mean time from opening to closing; NaN before the first round trip.</param>
public readonly record struct RoundTripStatistics(long Count, long Wins, long Losses, double GrossPnl, double MeanHoldingTime)
{
    /// <summary>Wins / Count; NaN before the first round trip.</summary>
    public double WinRate => Count == 0 ? double.NaN : (double)Wins / Count;
}
