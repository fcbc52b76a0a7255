using MarketMaking.Core.Accounting;

namespace MarketMaking.Simulation.Engine;

/// <summary>Watches a run from inside the event loop: each of our fills and each step's market state.</summary>
public interface IRunObserver
{
    /// <summary>A fill of ours, with the market as it stands right after it.</summary>
    void OnFill(in Fill fill, IMarket market);

    /// <summary>After every step of the market, with our position.</summary>
    void OnMark(IMarket market, double position);
}
