using MarketMaking.Core.Accounting;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// A market the event loop drives: a source of market state plus the exchange our orders rest on.
/// Model-based, agent-based and replayed markets implement it, so a strategy runs unchanged on
/// each; a live session drives the same <see cref="DecisionPath"/> from a venue instead.
/// </summary>
public interface IMarket : IMarketView, IOrderGateway
{
    bool IsFinished { get; }

    /// <summary>Moves to the next decision point, appending the fills of our orders on the way.</summary>
    void Advance(List<Fill> fills);
}
