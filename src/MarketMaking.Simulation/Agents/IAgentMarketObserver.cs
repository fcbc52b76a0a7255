using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Agents;

/// <summary>Sees every trade, market order and top-of-book change (for stylized facts and studies). Prices in ticks.</summary>
public interface IAgentMarketObserver
{
    /// <param name="time">Seconds since the strategy's start (negative during warm-up).</param>
    void OnTrade(double time, Side aggressor, long price, long size);

    /// <summary>A market order and the mid (ticks) just before and just after it.</summary>
    void OnMarketOrder(double time, Side side, long size, double midBefore, double midAfter);

    void OnTopOfBook(double time, long bid, long ask);
}
