using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Randomness;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Replay;
using MarketMaking.Simulation.Tests.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Tests.Exchange;

public class ShadowExchangeTests
{
    private const long EntryLatency = 3_000_000;
    private const long CancelLatency = 2_000_000;

    [Fact]
    public void APaperStyleFeedOfTheSameEventsGivesTheReplaysFills()
    {
        // The replay's run, with every order command it received and how many events it had read then.
        EventScript script = RandomMarket(seed: 7, messages: 4000);
        var replay = new ReplayMarket(script, new ReplaySettings { RequoteInterval = 0, Latency = new ConstantLatency(EntryLatency, CancelLatency) });
        var recorder = new CommandRecorder(replay);
        RunResult result = EventLoop.Run(recorder, new WanderingQuoter(), new RunSettings());

        // The same events pushed one at a time into a bare shadow exchange, as the paper venue does
        // with a live feed, each command applied at the local time it was decided.
        var exchange = new ShadowExchange(new RiskAverseQueueModel());
        var changes = new List<ShadowEvent>();
        var paperFills = new List<(long, Side, double, double)>();
        int next = 0;
        IReadOnlyList<MarketEvent> events = script.Events;
        for (int i = 0; i < events.Count; i++)
        {
            MarketEvent e = events[i];
            changes.Clear();
            exchange.Apply(e, changes);
            if (e.IsEndOfBatch)
            {
                exchange.EndOfBatch(e.ExchangeTime, changes);
            }

            paperFills.AddRange(changes.Where(c => c.Kind == ShadowEventKind.Filled).Select(c => (c.OrderId, c.Side, c.Price, (double)c.Lots)));
            for (; next < recorder.Commands.Count && recorder.Commands[next].EventsRead == i + 1; next++)
            {
                Command c = recorder.Commands[next];
                switch (c.Kind)
                {
                    case 's':
                        exchange.Submit(c.Id, c.Side, (long)c.Price, c.Price, (long)c.Quantity, e.LocalTime + EntryLatency);
                        break;
                    case 'c':
                        exchange.Cancel(c.Id, e.LocalTime + CancelLatency);
                        break;
                    default:
                        exchange.Reduce(c.Id, (long)c.Quantity);
                        break;
                }
            }
        }

        Assert.Equal(recorder.Commands.Count, next);
        Assert.Equal(recorder.Fills.Select(f => (f.OrderId, f.Side, f.Price, f.Quantity)), paperFills);
        Assert.Equal(result.Metrics.Fills, paperFills.Count);

        // The stream exercised every rule, so the comparison covers them all.
        ReplayStatistics stats = replay.Statistics;
        Assert.True(stats.FillsByQueue > 20 && stats.FillsThroughTradedPrice > 5 && stats.FillsByBookCrossing > 5 && stats.OrdersRejectedAsCrossing > 5, stats.ToString());
        Assert.Contains(recorder.Commands, c => c.Kind == 'r');
        Assert.Equal((stats.OrdersRejectedAsCrossing, stats.FillsByQueue, stats.FillsThroughTradedPrice, stats.FillsByBookCrossing), (exchange.CrossingRejects, exchange.QueueFills, exchange.ThroughFills, exchange.CrossFills));
    }

    [Fact]
    public void EveryChangeToAnOrderIsReported()
    {
        // Tick 1, lot 1. Bid 99 × 5, ask 101 × 5; we bid 100 × 3 (arrives at 1 ms) and 101 × 1 (crosses).
        var exchange = new ShadowExchange(new RiskAverseQueueModel());
        var changes = new List<ShadowEvent>();
        exchange.Apply(Level(0, Side.Buy, 99, 5), changes);
        exchange.Apply(Level(0, Side.Sell, 101, 5, end: true), changes);
        exchange.Submit(1, Side.Buy, 100, 100, 3, activeFrom: 1);
        exchange.Submit(2, Side.Buy, 101, 101, 1, activeFrom: 1);
        exchange.Apply(Trade(2, Side.Sell, 100, 2), changes); // arrival first, then two of our three lots trade
        exchange.Cancel(1, cancelAt: 4);
        exchange.Apply(Trade(3, Side.Sell, 99, 9), changes);  // through our price before the cancel lands: the last lot
        Assert.Equal(
            [
                new ShadowEvent(ShadowEventKind.Accepted, 1, Side.Buy, 100, 100, 3, 3, 2), // arrivals in the order they reached the exchange, then were sent
                new ShadowEvent(ShadowEventKind.Rejected, 2, Side.Buy, 101, 101, 1, 0, 2),
                new ShadowEvent(ShadowEventKind.Filled, 1, Side.Buy, 100, 100, 2, 1, 2),
                new ShadowEvent(ShadowEventKind.Filled, 1, Side.Buy, 100, 100, 1, 0, 3),
            ],
            changes);
        Assert.Equal(0, exchange.OrderCount);

        // A cancel that lands first takes the order out and says how much was left.
        changes.Clear();
        exchange.Submit(3, Side.Sell, 102, 102, 2, activeFrom: 5);
        exchange.Cancel(3, cancelAt: 6);
        exchange.Apply(Level(5, Side.Sell, 102, 1), changes);
        Assert.True(exchange.IsResting(3));
        exchange.Apply(Level(6, Side.Sell, 102, 0), changes);
        Assert.Equal(new ShadowEvent(ShadowEventKind.Cancelled, 3, Side.Sell, 102, 102, 2, 0, 6), changes[^1]);
        Assert.False(exchange.Contains(3));
    }

    private static MarketEvent Level(long time, Side side, long price, long size, bool end = false) =>
        new(time, time, MarketEventKind.BookLevel, side, price, size, 0, end ? EventMarkers.EndOfBatch : EventMarkers.None);

    private static MarketEvent Trade(long time, Side aggressor, long price, long size) =>
        new(time, time, MarketEventKind.Trade, aggressor, price, size, 0, EventMarkers.EndOfBatch);

    /// <summary>
    /// A seeded random L2 market (tick 1, lot 1): trades that eat the touch and sometimes sweep
    /// through it, size changes near the touch, new levels inside the spread, and now and then one
    /// side jumping onto the other's best price.
    /// </summary>
    private static EventScript RandomMarket(ulong seed, int messages)
    {
        var random = new ScalarRandom(seed);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        var script = new EventScript();
        var opening = new List<(Side, long, long)>();
        for (int k = 1; k <= 5; k++)
        {
            bids[1000 - k] = 5 + k;
            asks[1000 + k] = 5 + k;
            opening.Add((Side.Buy, 1000 - k, 5 + k));
            opening.Add((Side.Sell, 1000 + k, 5 + k));
        }

        script.Book(0, [.. opening]);
        double t = 0;
        for (int m = 0; m < messages; m++)
        {
            t += 0.5 + random.NextUniform();
            long bestBid = bids.Keys.Max(), bestAsk = asks.Keys.Min();
            double r = random.NextUniform();
            var changes = new List<(Side, long, long)>();
            if (r < 0.35)
            {
                bool buyer = random.NextBool();
                SortedDictionary<long, long> book = buyer ? asks : bids;
                long best = buyer ? bestAsk : bestBid;
                long size = 1 + random.NextInt(8);
                long price = best;
                if (size > book[best] && book.Count > 1)
                {
                    // Sweeps the touch and prints at the next level.
                    changes.Add((buyer ? Side.Sell : Side.Buy, best, 0));
                    book.Remove(best);
                    price = buyer ? asks.Keys.Min() : bids.Keys.Max();
                    size = Math.Min(size - 1, book[price]);
                }

                script.Trade(t, buyer ? Side.Buy : Side.Sell, price, Math.Max(size, 1));
                long left = Math.Max(book[price] - size, 0);
                changes.Add((buyer ? Side.Sell : Side.Buy, price, left));
                if (left == 0)
                {
                    book.Remove(price);
                }
            }
            else if (r < 0.7)
            {
                bool bid = random.NextBool();
                long price = bid ? bestBid - random.NextInt(3) : bestAsk + random.NextInt(3);
                long size = random.NextInt(12);
                (bid ? bids : asks)[price] = size;
                changes.Add((bid ? Side.Buy : Side.Sell, price, size));
                if (size == 0)
                {
                    (bid ? bids : asks).Remove(price);
                }
            }
            else if (r < 0.9)
            {
                if (bestAsk - bestBid > 1)
                {
                    bool bid = random.NextBool();
                    long price = bid ? bestBid + 1 : bestAsk - 1;
                    (bid ? bids : asks)[price] = 1 + random.NextInt(6);
                    changes.Add((bid ? Side.Buy : Side.Sell, price, (bid ? bids : asks)[price]));
                }
            }
            else
            {
                // One side moves onto the other's best price, which leaves: a cross without a print.
                bool asksDown = random.NextBool();
                if (asksDown)
                {
                    changes.Add((Side.Buy, bestBid, 0));
                    bids.Remove(bestBid);
                    asks[bestBid] = 2;
                    changes.Add((Side.Sell, bestBid, 2));
                }
                else
                {
                    changes.Add((Side.Sell, bestAsk, 0));
                    asks.Remove(bestAsk);
                    bids[bestAsk] = 2;
                    changes.Add((Side.Buy, bestAsk, 2));
                }
            }

            Refill(bids, Side.Buy, changes);
            Refill(asks, Side.Sell, changes);
            if (changes.Count > 0)
            {
                script.Book(t, [.. changes]);
            }
        }

        return script;
    }

    /// <summary>Keeps at least three levels on a side, adding one behind the last.</summary>
    private static void Refill(SortedDictionary<long, long> book, Side side, List<(Side, long, long)> changes)
    {
        while (book.Count < 3)
        {
            long price = side == Side.Buy ? book.Keys.Min() - 1 : book.Keys.Max() + 1;
            book[price] = 4;
            changes.Add((side, price, 4));
        }
    }

    private readonly record struct Command(char Kind, long EventsRead, long Id, Side Side, double Price, double Quantity);

    /// <summary>Passes everything to the replay and writes down each order command and fill.</summary>
    private sealed class CommandRecorder(ReplayMarket inner) : IMarket
    {
        public List<Command> Commands { get; } = [];

        public List<Fill> Fills { get; } = [];

        public Instrument Instrument => inner.Instrument;

        public double Time => inner.Time;

        public double TimeLeft => inner.TimeLeft;

        public double Mid => inner.Mid;

        public double BestBid => inner.BestBid;

        public double BestAsk => inner.BestAsk;

        public double Volatility => inner.Volatility;

        public double Alpha => inner.Alpha;

        public bool IsFinished => inner.IsFinished;

        public long Submit(Side side, double price, double quantity)
        {
            long id = inner.Submit(side, price, quantity);
            Commands.Add(new Command('s', inner.Statistics.Events, id, side, price, quantity));
            return id;
        }

        public void Cancel(long orderId)
        {
            inner.Cancel(orderId);
            Commands.Add(new Command('c', inner.Statistics.Events, orderId, default, 0, 0));
        }

        public void Reduce(long orderId, double newQuantity)
        {
            inner.Reduce(orderId, newQuantity);
            Commands.Add(new Command('r', inner.Statistics.Events, orderId, default, 0, newQuantity));
        }

        public void Advance(List<Fill> fills)
        {
            int before = fills.Count;
            inner.Advance(fills);
            Fills.AddRange(fills.Skip(before));
        }
    }

    /// <summary>Quotes at the touch or a tick behind it, with sizes 3, 2, 1 in turn, so orders are kept, reduced and replaced.</summary>
    private sealed class WanderingQuoter : IQuotingStrategy
    {
        private int _calls;

        public string Name => "wandering";

        public QuoteDecision Decide(in QuoteContext context)
        {
            int k = _calls++;
            double back = k / 3 % 2;
            return QuoteDecision.TwoSided(context.BestBid - back, context.BestAsk + back, 3 - (k % 3));
        }
    }
}
