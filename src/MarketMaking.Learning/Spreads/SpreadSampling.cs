using MarketMaking.Core.Accounting;
using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Learning.Spreads;

/// <summary>Spread-predictor datasets from the agent-based market (no strategy of ours) or from a recorded file.</summary>
public static class SpreadSampling
{
    /// <summary>Runs on seeds seed … seed + runs − 1 (in parallel), one after another in time.</summary>
    public static SpreadDataset FromAgentMarket(AgentMarketParameters market, int runs, ulong seed, FeatureSelection selection, SpreadTargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var parts = new SpreadDataset[runs];
        long runLength = (long)Math.Ceiling((market.Duration + 1) * 1e9);
        Parallel.For(0, runs, i =>
        {
            parts[i] = new SpreadDataset(selection.Names);
            var builder = new SpreadSampleBuilder(parts[i], settings, i * runLength);
            var agentMarket = new AgentMarket(market, seed + (ulong)i)
            {
                Features = new MarketFeatures(SpreadPredictor.FeatureSettings),
                Observer = new TradeTap(builder),
            };
            var none = new List<Fill>();
            double[] row = new double[selection.Count];
            while (!agentMarket.IsFinished)
            {
                agentMarket.Advance(none);
                selection.Extract(agentMarket.FeatureValues, Side.Buy, row);
                builder.OnMarket(agentMarket.Time, agentMarket.Mid / market.TickSize, row);
            }
        });

        var all = new SpreadDataset(selection.Names);
        foreach (SpreadDataset part in parts)
        {
            for (int row = 0; row < part.Count; row++)
            {
                all.Add(part.Time(row), part.Features(row), part.Window(row));
            }
        }

        return all;
    }

    /// <summary>From recorded book and trades; samples are taken on consistent two-sided books.</summary>
    public static SpreadDataset FromData(IMarketEventSource source, FeatureSelection selection, SpreadTargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(selection);
        var dataset = new SpreadDataset(selection.Names);
        var builder = new SpreadSampleBuilder(dataset, settings);
        var book = new OrderBook();
        var features = new MarketFeatures(SpreadPredictor.FeatureSettings);
        var buffer = new MarketEvent[4096];
        double[] row = new double[selection.Count];
        int count;
        while ((count = source.Read(buffer)) > 0)
        {
            foreach (ref readonly MarketEvent e in buffer.AsSpan(0, count))
            {
                book.Apply(e);
                double time = e.ExchangeTime / 1e9;
                if (e.Kind == MarketEventKind.Trade)
                {
                    features.OnTrade(e);
                    builder.OnTrade(time, e.Side, e.Price);
                }

                if (e.IsEndOfBatch && book.LevelCount(Side.Buy) > 0 && book.LevelCount(Side.Sell) > 0)
                {
                    features.OnBook(e.ExchangeTime, book);
                    selection.Extract(features.Values, Side.Buy, row);
                    builder.OnMarket(time, book.Mid, row);
                }
            }
        }

        return dataset;
    }

    /// <summary>Hands the market's trades (after its warm-up) to the sample builder.</summary>
    private sealed class TradeTap(SpreadSampleBuilder builder) : IAgentMarketObserver
    {
        public void OnTrade(double time, Side aggressor, long price, long size)
        {
            if (time >= 0)
            {
                builder.OnTrade(time, aggressor, price);
            }
        }

        public void OnMarketOrder(double time, Side side, long size, double midBefore, double midAfter)
        {
        }

        public void OnTopOfBook(double time, long bid, long ask)
        {
        }
    }
}
