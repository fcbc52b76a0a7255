namespace MarketMaking.Core.Risk;

/// <summary>One instrument's seat in a portfolio whose limits span several instruments: the risk gate asks it about each order.</summary>
public interface IPortfolioCheck
{
    /// <summary>
    /// Whether the instrument may go from <paramref name="position"/> to <paramref name="worstCase"/>
    /// (the position if the order and every open order on its side filled) at <paramref name="mid"/>,
    /// the other instruments as they are. An order that brings the position toward zero is allowed.
    /// </summary>
    bool Allows(double position, double worstCase, double mid);
}
