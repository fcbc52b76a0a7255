using MarketMaking.Core.Accounting;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// The one loop every simulated market runs through: the <see cref="DecisionPath"/> (market state →
/// strategy → order manager → risk gate → exchange; fills → ledger → metrics), driven by pulling
/// the market forward. Nothing here allocates per event.
/// </summary>
public static class EventLoop
{
    public static RunResult Run(IMarket market, IQuotingStrategy strategy, RunSettings settings)
    {
        var path = new DecisionPath(market.Instrument, strategy, settings);
        var fills = new List<Fill>(16);
        double nextDecision = double.NegativeInfinity;
        double slippageRate = settings.SlippageBps / 1e4, slippageCost = 0;
        path.Ledger.OpenPosition(settings.InitialInventory, market.Mid, market.Time);

        path.Mark(market.Time, market.Mid);
        while (!market.IsFinished)
        {
            double quotedSpread;
            double now = market.Time;
            if (!path.Gate.IsKilled && now >= nextDecision)
            {
                quotedSpread = path.Decide(market, market);
                nextDecision = now + settings.DecisionInterval;
            }
            else
            {
                quotedSpread = path.Orders.QuotedSpread;
            }

            fills.Clear();
            market.Advance(fills);
            foreach (Fill executed in fills)
            {
                Fill fill = executed;
                if (slippageRate > 0)
                {
                    // The price moves against us: a buy pays more, a sell gets less.
                    double slip = executed.Price * slippageRate;
                    fill = executed with { Price = executed.Side == Core.Orders.Side.Buy ? executed.Price + slip : executed.Price - slip };
                    slippageCost += slip * executed.Quantity;
                }

                path.OnFill(in fill, quotedSpread);
                settings.Observer?.OnFill(in fill, market);
            }

            settings.Observer?.OnMark(market, path.Ledger.Position);
            double time = market.Time, mid = market.Mid;
            path.Mark(time, mid);
            path.CheckLoss(time, mid, market);
        }

        return path.Finish(market.Mid, slippageCost);
    }
}
