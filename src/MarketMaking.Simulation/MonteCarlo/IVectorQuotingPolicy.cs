using System.Numerics;

namespace MarketMaking.Simulation.MonteCarlo;

/// <summary>
/// Quotes for a vector of trajectories at once. Implemented by structs so the engine's generic
/// kernel is specialised per policy and the calls inline.
/// </summary>
internal interface IVectorQuotingPolicy
{
    /// <summary>The quantity of every quote when it never changes, else NaN (lets the engine skip re-snapping it).</summary>
    double FixedQuantity { get; }

    /// <summary>Whether <see cref="TryFills"/> can decide fills (the policy has a fill table).</summary>
    bool HasFillTable { get; }

    /// <summary>Called before the lanes of step <paramref name="step"/> are quoted.</summary>
    void BeginStep(int step, double time, double timeLeft);

    /// <summary>Prices (NaN: side not quoted) and quantities for trajectories firstTrajectory.. firstTrajectory+width.</summary>
    void Quote(
        int firstTrajectory,
        Vector<double> mid,
        Vector<double> inventory,
        Vector<double> alpha,
        out Vector<double> bid,
        out Vector<double> ask,
        out Vector<double> bidQuantity,
        out Vector<double> askQuantity);

    /// <summary>
    /// Fills of the quotes just made at this step (bought: the bid filled), decided without
    /// computing the fill probabilities where the policy can (<see cref="FillThresholdTable"/>);
    /// false: the engine computes them from the depths. Quotes not live are masked by the engine.
    /// </summary>
    bool TryFills(Vector<double> mid, Vector<double> inventory, Vector<double> bidUniform, Vector<double> askUniform, out Vector<long> bought, out Vector<long> sold);
}
