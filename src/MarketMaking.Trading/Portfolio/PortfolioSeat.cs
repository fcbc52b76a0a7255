using MarketMaking.Core.Risk;

namespace MarketMaking.Trading.Portfolio;

/// <summary>One instrument's place in a <see cref="PortfolioRisk"/>: its session marks its position and mid here, and its risk gate checks orders here.</summary>
public sealed class PortfolioSeat : IPortfolioCheck
{
    private readonly PortfolioRisk _portfolio;

    internal PortfolioSeat(PortfolioRisk portfolio, int instrument)
    {
        _portfolio = portfolio;
        Instrument = instrument;
    }

    /// <summary>The instrument's number in the portfolio.</summary>
    public int Instrument { get; }

    /// <summary>
    /// Records the instrument's position, its open buy and sell quantities (orders that may still fill,
    /// cancels not yet confirmed included) and mid as its session sees them at <paramref name="time"/> (s);
    /// the mids feed its σ_t.
    /// </summary>
    public void Mark(double position, double mid, double time, double openBuys = 0, double openSells = 0) => _portfolio.Mark(Instrument, position, mid, time, openBuys, openSells);

    public bool Allows(double position, double worstCase, double mid) => _portfolio.Allows(Instrument, position, worstCase, mid);
}
