using System.Numerics;

namespace MarketMaking.Simulation.Model;

/// <summary>
/// The random numbers of one model step, drawn in a fixed order whatever the quotes are, so a
/// trajectory's stream stays aligned between the vectorized and the event-driven paths.
/// </summary>
internal struct StepDraws
{
    public Vector<double> BidFill;
    public Vector<double> AskFill;
    public Vector<double> BidArrivals;
    public Vector<double> AskArrivals;
    public Vector<double> BidAdverse;
    public Vector<double> AskAdverse;
    public Vector<double> Shock;
    public Vector<double> AlphaShock;
    public Vector<double> Jump;
    public Vector<double> JumpSize;
}
