namespace MarketMaking.Learning.Spreads;

/// <summary>
/// What one window of the market said about quoting a spread, in ticks: the mid at its start and
/// end, the lowest price sellers hit and the highest price buyers lifted inside it (±∞ when none).
/// Enough to replay any symmetric quote around the starting mid over the window.
/// </summary>
public readonly record struct SpreadWindow(double MidStart, double MidEnd, double LowestSell, double HighestBuy)
{
    /// <summary>
    /// Risk-adjusted PnL (ticks) of one lot bid at mid − δ and one offered at mid + δ for the
    /// window: each side fills once if a trade reached its price; the position is marked at the
    /// window's last mid and charged <paramref name="inventoryPenalty"/>·q².
    /// </summary>
    public double Pnl(double halfSpread, double inventoryPenalty)
    {
        double bid = MidStart - halfSpread, ask = MidStart + halfSpread;
        bool bought = LowestSell <= bid, sold = HighestBuy >= ask;
        double pnl = (bought ? MidEnd - bid : 0) + (sold ? ask - MidEnd : 0);
        int position = (bought ? 1 : 0) - (sold ? 1 : 0);
        return pnl - (inventoryPenalty * position * position);
    }

    /// <summary>
    /// The ex-post optimal half-spread among <paramref name="candidates"/> (ascending): the one
    /// with the highest risk-adjusted PnL, the narrowest of equals.
    /// </summary>
    public double OptimalHalfSpread(ReadOnlySpan<double> candidates, double inventoryPenalty)
    {
        double best = double.NaN, bestPnl = double.NegativeInfinity;
        foreach (double candidate in candidates)
        {
            double pnl = Pnl(candidate, inventoryPenalty);
            if (pnl > bestPnl)
            {
                (best, bestPnl) = (candidate, pnl);
            }
        }

        return best;
    }
}
