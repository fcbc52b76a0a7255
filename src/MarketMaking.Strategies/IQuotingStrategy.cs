using MarketMaking.Core.Quoting;

namespace MarketMaking.Strategies;

/// <summary>
/// A quoting model: says what it wants resting in the market, never places or cancels orders
/// itself (the order manager does). Implementations allocate nothing per decision; state they
/// need comes from the context (signals) so one instance can serve many trajectories.
/// </summary>
public interface IQuotingStrategy
{
    /// <summary>Short name used in tables and reports (e.g. "as", "glft-exact").</summary>
    string Name { get; }

    QuoteDecision Decide(in QuoteContext context);
}
