using MarketMaking.Simulation.Matching;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Sees the matching engine's output of each step of an <see cref="AgentMarket"/> (one request of
/// a trader, of the strategy or of a venue client): acceptances, trades, cancellations, amends,
/// rejections and book changes, in order. A local exchange reads its clients' fills and the public
/// trades from it.
/// </summary>
public interface IAgentMarketListener
{
    /// <param name="events">The step's events; valid only during the call.</param>
    /// <param name="time">Seconds since the strategy's start (negative during warm-up), as <see cref="AgentMarket.Time"/>.</param>
    void OnEvents(ReadOnlySpan<MatchingEvent> events, double time);
}
