namespace MarketMaking.Simulation.Arbitrage;

/// <summary>
/// One stretch of time during which selling on one venue at its bid and buying on another at its
/// ask earned something after both taker fees, on the receive clock the venues share: it opens at
/// the message after which the books crossed and closes at the message after which they no longer did.
/// </summary>
/// <param name="SellVenue">Index of the venue whose bid was high.</param>
/// <param name="BuyVenue">Index of the venue whose ask was low.</param>
/// <param name="Start">Receive time it opened (ns).</param>
/// <param name="End">Receive time it closed (ns); the last event's when the data ended first.</param>
/// <param name="EdgeAtStart">Net edge at the touch when it opened: bid·(1 − f_s)/(ask·(1 + f_b)) − 1.</param>
/// <param name="BestEdge">The largest net edge at the touch while it lasted.</param>
/// <param name="SizeAtStart">Coins that could be sold and bought, every unit earning after fees, when it opened.</param>
/// <param name="MaxSize">The largest such size while it lasted.</param>
/// <param name="ProfitAtStart">What taking all of <paramref name="SizeAtStart"/> at the books as they stood would have earned after fees (quote currency).</param>
/// <param name="OpenAtEnd">The data ended before it closed.</param>
public readonly record struct ArbitrageEpisode(
    int SellVenue,
    int BuyVenue,
    long Start,
    long End,
    double EdgeAtStart,
    double BestEdge,
    double SizeAtStart,
    double MaxSize,
    double ProfitAtStart,
    bool OpenAtEnd)
{
    /// <summary>How long it lasted (s).</summary>
    public double Seconds => (End - Start) / 1e9;
}
