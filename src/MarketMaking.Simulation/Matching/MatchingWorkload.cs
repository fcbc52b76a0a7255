using System.Diagnostics;
using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Matching;

/// <summary>
/// A deterministic, seeded stream of realistic engine messages for throughput measurement: about
/// 60% limit orders of 1–10 lots (most an exponential few ticks behind the touch, one in five up to
/// 50 ticks deep, one in ten marketable), 35% cancels of live orders and 5% market orders, from 64
/// owners; the book hovers around 2,000 orders on about 50 levels a side while the price wanders.
/// The stream is generated up front by driving a private engine (so every cancel targets a live
/// order) and stored in an array, so replaying it times the engine alone.
/// </summary>
public sealed class MatchingWorkload
{
    private const long StartPrice = 100_000;
    private const int Owners = 64;

    // Resting orders the stream hovers around: above it, market orders grow to sweep the touch.
    private const int TargetOrders = 2_000;

    private readonly WorkloadMessage[] _messages;

    private MatchingWorkload(WorkloadMessage[] messages, int seed)
    {
        _messages = messages;
        Seed = seed;
        foreach (WorkloadMessage message in messages)
        {
            if (message.IsCancel)
            {
                Cancels++;
            }
            else if (message.Order.Type == OrderType.Market)
            {
                Markets++;
            }
            else
            {
                Limits++;
            }
        }
    }

    public int Seed { get; }

    public int Count => _messages.Length;

    public int Limits { get; }

    public int Cancels { get; }

    public int Markets { get; }

    public static MatchingWorkload Generate(int messageCount, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messageCount);
        var random = new Random(seed);
        var engine = new MatchingEngine();
        var events = new MatchingEventBuffer();
        var messages = new WorkloadMessage[messageCount];
        var candidates = new List<long>(); // ids that may still rest; filled ones are dropped lazily
        long nextId = 1;
        long time = 0;
        long lastPrice = StartPrice;
        for (int n = 0; n < messageCount; n++)
        {
            time += 1 + random.Next(1_000);
            double u = random.NextDouble();
            WorkloadMessage message;
            if (u < 0.35 && TryPickLive(engine, candidates, random, out long cancelId))
            {
                message = new WorkloadMessage(true, new OrderRequest(cancelId, 0, Side.Buy, OrderType.Limit, 0, 0, time));
            }
            else if (u < 0.40)
            {
                Side side = RandomSide(random);
                int range = engine.OrderCount > TargetOrders ? (int)Math.Clamp(2 * engine.Best(side.Opposite()).Size, 10, 10_000) : 10;
                long size = 1 + random.Next(range);
                message = new WorkloadMessage(false, OrderRequest.Market(nextId++, random.Next(Owners), side, size, time));
            }
            else
            {
                Side side = RandomSide(random);
                long price = LimitPrice(engine, random, side, lastPrice);
                message = new WorkloadMessage(false, OrderRequest.Limit(nextId++, random.Next(Owners), side, price, 1 + random.Next(10), time));
            }

            messages[n] = message;
            Apply(engine, message, events);
            foreach (MatchingEvent e in events.Events)
            {
                if (e.Kind == MatchingEventKind.Trade)
                {
                    lastPrice = e.Price;
                }
            }

            events.Clear();
            if (!message.IsCancel && engine.TryGetOrder(message.Order.Id, out _))
            {
                candidates.Add(message.Order.Id);
            }
        }

        return new MatchingWorkload(messages, seed);
    }

    /// <summary>
    /// Generates a workload, replays it once to warm up (JIT, working capacity), then times
    /// <paramref name="rounds"/> replays on the cleared engine. Reports the median rate and the
    /// steady-state allocation: the fewest bytes any round allocated, since the JIT's tiering can
    /// allocate on this thread once, in whichever round it finishes (a per-message allocation shows
    /// in every round).
    /// </summary>
    public static MatchingThroughput Measure(int messageCount = 2_000_000, int seed = 1, int rounds = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messageCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        MatchingWorkload workload = Generate(messageCount, seed);
        var engine = new MatchingEngine();
        var events = new MatchingEventBuffer();
        workload.Replay(engine, events);
        var rates = new double[rounds];
        long allocated = long.MaxValue;
        for (int r = 0; r < rounds; r++)
        {
            engine.Clear();
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            workload.Replay(engine, events);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            rates[r] = messageCount / seconds;
        }

        Array.Sort(rates);
        return new MatchingThroughput(messageCount, rounds, rates[rounds / 2], allocated / (double)messageCount);
    }

    /// <summary>Sends every message to the engine, clearing the buffer after each (as a consumer would once it has read it).</summary>
    public void Replay(MatchingEngine engine, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        foreach (ref readonly WorkloadMessage message in _messages.AsSpan())
        {
            Apply(engine, message, events);
            events.Clear();
        }
    }

    /// <summary>Sends message <paramref name="index"/> alone, leaving its events in the buffer.</summary>
    public OrderRejectReason Send(int index, MatchingEngine engine, MatchingEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        return Apply(engine, _messages[index], events);
    }

    private static OrderRejectReason Apply(MatchingEngine engine, in WorkloadMessage message, MatchingEventBuffer events) =>
        message.IsCancel ? engine.Cancel(message.Order.Id, message.Order.Time, events) : engine.Submit(message.Order, events);

    private static Side RandomSide(Random random) => random.Next(2) == 0 ? Side.Buy : Side.Sell;

    /// <summary>
    /// A price around the touch: one order in ten crosses (at or a tick through the opposite best);
    /// the rest sit behind the best price of their side, four in five at an exponential distance of
    /// mean 3 ticks and one in five anywhere up to 50 ticks (zero improves by a tick inside the spread).
    /// </summary>
    private static long LimitPrice(MatchingEngine engine, Random random, Side side, long lastPrice)
    {
        BookLevel bid = engine.Best(Side.Buy);
        BookLevel ask = engine.Best(Side.Sell);
        long bestBid = bid.IsEmpty ? (ask.IsEmpty ? lastPrice : ask.Price) - 1 : bid.Price;
        long bestAsk = ask.IsEmpty ? (bid.IsEmpty ? lastPrice : bid.Price) + 1 : ask.Price;
        if (random.NextDouble() < 0.1)
        {
            long through = random.Next(2);
            return side == Side.Buy ? bestAsk + through : Math.Max(1, bestBid - through);
        }

        long behind = random.NextDouble() < 0.8 ? (long)(-Math.Log(1 - random.NextDouble()) * 3) : random.Next(50);
        return side == Side.Buy
            ? Math.Max(1, Math.Min(bestBid + 1 - behind, bestAsk - 1))
            : Math.Max(bestAsk - 1 + behind, bestBid + 1);
    }

    private static bool TryPickLive(MatchingEngine engine, List<long> candidates, Random random, out long id)
    {
        while (candidates.Count > 0)
        {
            int i = random.Next(candidates.Count);
            id = candidates[i];
            candidates[i] = candidates[^1];
            candidates.RemoveAt(candidates.Count - 1);
            if (engine.TryGetOrder(id, out _))
            {
                return true;
            }
        }

        id = 0;
        return false;
    }
}
