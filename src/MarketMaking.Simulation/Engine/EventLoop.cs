using MarketMaking.Core.Accounting;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Risk;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// The one loop every market runs through: market state → strategy → order manager → risk gate →
/// exchange → fills → ledger → metrics. Nothing here allocates per event.
/// </summary>
public static class EventLoop
{
    public static RunResult Run(IMarket market, IQuotingStrategy strategy, RunSettings settings)
    {
        settings.Validate();
        var ledger = new Ledger();
        var metrics = new MetricsCollector(settings.Metrics);
        var gate = new RiskGate(settings.Risk);
        var orders = new OrderManager(market.Instrument, gate)
        {
            OrderSubmitted = metrics.OnOrderSubmitted,
            RefreshTolerance = settings.RefreshTolerance,
            MaxOrderAge = settings.MaxOrderAge,
        };
        SeriesRecorder? series = settings.RecordSeries ? new SeriesRecorder(settings.MaxSeriesPoints) : null;
        var fills = new List<Fill>(16);
        double nextDecision = double.NegativeInfinity;
        double slippageRate = settings.SlippageBps / 1e4, slippageCost = 0;
        ledger.OpenPosition(settings.InitialInventory, market.Mid, market.Time);

        Mark(market, ledger, metrics, orders, series);
        while (!market.IsFinished)
        {
            if (!gate.IsKilled && market.Time >= nextDecision)
            {
                var context = new QuoteContext
                {
                    Time = market.Time,
                    TimeLeft = market.TimeLeft,
                    Mid = market.Mid,
                    BestBid = market.BestBid,
                    BestAsk = market.BestAsk,
                    Inventory = ledger.Position,
                    Volatility = market.Volatility,
                    Alpha = market.Alpha,
                    Features = market.FeatureValues,
                };
                QuoteDecision decision = strategy.Decide(in context);
                orders.Time = market.Time;
                orders.Apply(in decision, market.Mid, ledger.Position, market.BestBid, market.BestAsk, market);
                metrics.OnQuoted(orders.QuotedSpread);
                nextDecision = market.Time + settings.DecisionInterval;
            }

            double quotedSpread = orders.QuotedSpread;
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

                ledger.Apply(in fill);
                orders.OnFill(in fill);
                metrics.OnFill(in fill, quotedSpread);
                series?.Record(in fill);
                settings.Observer?.OnFill(in fill, market);
            }

            settings.Observer?.OnMark(market, ledger.Position);
            Mark(market, ledger, metrics, orders, series);
            if (gate.OnPnl(market.Time, ledger.Equity(market.Mid)))
            {
                orders.CancelAll(market);
            }
        }

        var rejections = Enum.GetValues<RejectReason>()
            .Where(reason => reason != RejectReason.None)
            .ToDictionary(reason => reason, gate.Rejections);
        return new RunResult(
            strategy.Name,
            metrics.Finish(ledger, market.Mid) with { SlippageCost = slippageCost },
            ledger.RoundTrips,
            orders.Cancelled,
            orders.Reduced,
            rejections,
            gate.KillReason,
            series);
    }

    private static void Mark(IMarket market, Ledger ledger, MetricsCollector metrics, OrderManager orders, SeriesRecorder? series)
    {
        double equity = ledger.Equity(market.Mid);
        metrics.OnMark(market.Time, market.Mid, equity, ledger.Position);
        series?.Record(new SeriesPoint(market.Time, market.Mid, orders.BestBid, orders.BestAsk, ledger.Position, equity));
    }
}
