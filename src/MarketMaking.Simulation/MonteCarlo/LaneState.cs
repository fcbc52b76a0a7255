using System.Numerics;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Everything one SIMD group of trajectories carries from step to step: market state, our live
/// quotes, the ledger and the running statistics. Held here between runs of steps; the steps
/// themselves work on a copy in locals.
/// </summary>
internal struct LaneState
{
    public VectorRandom Random;
    public Vector<double> Mid;
    public Vector<double> Alpha;
    public Vector<double> Inventory;
    public Vector<double> Cash;
    public Vector<double> BidExcitation;
    public Vector<double> AskExcitation;

    public Vector<double> LiveBid;
    public Vector<double> LiveAsk;
    public Vector<double> LiveBidQuantity;
    public Vector<double> LiveAskQuantity;
    public Vector<long> BidLive;
    public Vector<long> AskLive;

    // Counters are integer lanes: a true comparison mask is −1, so subtracting it counts one.
    public Vector<long> Fills;
    public Vector<long> Orders;
    public Vector<long> SpreadSteps;
    public Vector<double> Fees;
    public Vector<double> Slippage;
    public Vector<double> Turnover;
    public Vector<double> Edge;
    public Vector<double> CaptureEdge;
    public Vector<double> CaptureHalfSpread;
    public Vector<double> SpreadSum;
    public Vector<double> AbsInventoryTime;
    public Vector<double> LongSquaredInventoryTime;
    public Vector<double> ShortSquaredInventoryTime;
    public Vector<double> TimeAtLimit;
    public Vector<double> MaxAbsInventory;
    public Vector<double> Peak;
    public Vector<double> MaxDrawdown;

    /// <summary>The time of the next quote decision.</summary>
    public double NextDecision;
}
