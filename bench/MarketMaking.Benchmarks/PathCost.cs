using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using MarketMaking.Core.Instruments;
using MarketMaking.Data.Bybit;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Venues;

namespace MarketMaking.Benchmarks;

/// <summary>
/// The decision path's own cost, warm and cold, without a network or a venue's timing: book deltas
/// (Bybit's <c>orderbook.50</c> shape, each moving the best bid and ask, so every one makes the
/// session amend both its orders) handed one at a time to the real decoder, the session's inbox, the book, the
/// strategy, the order manager, the risk gate and the router, down to the request handed to the
/// venue (the paper venue; the Bybit client's own share is the tick-to-order's "venue client"), all
/// on the thread that hands the message in, as the socket's continuation runs it live. Half the
/// messages come after a quiet spell like the one between two market messages (the thread asleep
/// for <c>quietMs</c>, optionally a read of a large buffer as other work would leave the caches);
/// the others straight after the one before, warm. Both kinds run interleaved in one sitting, so the
/// host's drift touches them alike: the difference is what the path pays for what it touches, the
/// figure a smaller footprint lowers, and one a noisy minute does not hide. The first seconds are
/// left out (the JIT). <c>--rehearse US</c> spends the quiet spells running the whole path again
/// every US µs on a delta that changes nothing: what keeping the path warm would buy (with
/// <c>--kernel-entry</c>, a system call just before each cold message, as a live one always comes
/// through one). With <c>DOTNET_TC_CallCountingDelayMs=100</c> (the runtime's default, which the
/// bench's own configuration takes away) it also shows what the runtime does on one processor (see
/// <see cref="SingleProcessorTiering"/>).
/// </summary>
internal static class PathCost
{
    private const int Levels = 50;
    private const int LevelsTouched = 5; // deeper levels each delta also changes, as Bybit's deltas do
    private const double WarmUpSeconds = 5;
    private const string RehearsedLevel = "99.60"; // the snapshot's 40th bid, which no measured delta changes
    private const string RehearsedSize = "40.000";
    private static readonly Instrument Sim = new("SIMUSDT", 0.01, 0.001);

    /// <param name="kernelEntry">A system call just before each cold message, as a live one always arrives through one (epoll, recv): with <paramref name="rehearseUs"/> the driver otherwise comes to it from user space, its TLB whole.</param>
    public static async Task RunAsync(int messages, int evictKb, int quietMs, int rehearseUs, bool keepCoreAwake, bool kernelEntry)
    {
        AppContext.SetSwitch(StageStamps.Switch, true);
        if (SingleProcessorTiering.Advice(Environment.ProcessorCount, Environment.GetEnvironmentVariable, AppContext.GetData) is { } advice)
        {
            Console.WriteLine(advice);
        }

        var source = new ScriptedMarketData();
        var paper = new PaperVenue(source);
        var measured = new StampingVenue(paper);
        string journal = Path.Combine(Path.GetTempPath(), $"decision-path-{Environment.ProcessId}.db");
        var settings = new SessionSettings
        {
            Symbol = Sim.Symbol,
            StrategyName = "touch",
            JournalPath = journal,
            RequoteInterval = TimeSpan.Zero,
            Duration = TimeSpan.FromHours(1),
            KeepCoreAwake = keepCoreAwake,
            RateLimits = Enum.GetValues<Trading.Orders.VenueEndpoint>().ToDictionary(e => e, _ => 1_000_000),
        };
        var session = new TradingSession(measured, settings, _ => new TouchStrategy(1));
        using var stop = new CancellationTokenSource();
        Task<SessionResult> running = session.RunAsync(stop.Token);

        byte[]? evict = evictKb > 0 ? GC.AllocateArray<byte>(evictKb * 1024, pinned: true) : null;
        evict?.AsSpan().Fill(1);
        var warm = new List<Sample>(messages);
        var cold = new List<Sample>(messages);
        var thread = new Thread(() => Drive(source, measured, messages, evict, quietMs, rehearseUs, kernelEntry, warm, cold)) { Name = "decision-path driver", IsBackground = true };
        thread.Start();
        thread.Join();
        await stop.CancelAsync().ConfigureAwait(false);
        SessionResult result = await running.ConfigureAwait(false);
        foreach (string file in new[] { journal, journal + "-wal", journal + "-shm" })
        {
            File.Delete(file);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decision path over {messages:N0} book deltas after {WarmUpSeconds:0} s of warm-up ({result.Executions} executions), the cold ones after {quietMs} ms {(rehearseUs > 0 ? "spinning" : "asleep")}{(evictKb > 0 ? $" and a read of {evictKb:N0} KB" : "")}{(rehearseUs > 0 ? $", rehearsing the path every {rehearseUs} µs meanwhile" : "")}{(kernelEntry ? ", a system call just before" : "")}{(keepCoreAwake ? ", the processor kept awake" : "")}, on {Environment.ProcessorCount} processor(s); µs, p50 / p90 / p99:"));
        double warmMedian = Print("warm", warm);
        double coldMedian = Print("cold", cold);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  what the cold path pays for what it touches (cold − warm at the median): {coldMedian - warmMedian:F1} µs"));
    }

    private static void Drive(ScriptedMarketData source, StampingVenue measured, int messages, byte[]? evict, int quietMs, int rehearseUs, bool kernelEntry, List<Sample> warm, List<Sample> cold)
    {
        source.Push(Snapshot());
        measured.FirstObserved.Wait();
        long warmUntil = Stopwatch.GetTimestamp() + (long)(WarmUpSeconds * Stopwatch.Frequency);
        long update = 2;
        int sink = 0;
        for (int i = 0; warm.Count + cold.Count < 2 * messages; i++)
        {
            bool isCold = (i & 3) is 0 or 3; // cold, warm, warm, cold: each kind both adds the best bid and takes it away
            if (isCold)
            {
                // A quiet spell as between two messages: the thread blocks (into the kernel and out, the TLB
                // emptied on the way; the process's other threads run), then something else fills the caches.
                // Or the spell is spent rehearsing: the whole path run again on a delta that changes nothing.
                if (rehearseUs == 0)
                {
                    Thread.Sleep(quietMs);
                }
                else
                {
                    update = Rehearse(source, quietMs, rehearseUs, update);
                }

                for (int at = 0; evict is not null && at < evict.Length; at += 64)
                {
                    sink += evict[at];
                }
            }

            if (isCold && kernelEntry)
            {
                // With page-table isolation and no PCID (this host), entering the kernel empties the TLB.
                Thread.Yield();
            }

            byte[] delta = Delta(update++, bestBidIn: (i & 1) == 0);
            measured.Reset(Environment.CurrentManagedThreadId);
            long start = Stopwatch.GetTimestamp();
            source.Push(delta);
            if (measured.Sample(start) is { } sample && Stopwatch.GetTimestamp() > warmUntil)
            {
                (isCold ? cold : warm).Add(sample);
            }
        }

        GC.KeepAlive(sink);
    }

    /// <summary>
    /// Spins for <paramref name="quietMs"/>, handing in a delta every <paramref name="everyUs"/> that
    /// sets a deep bid to the size it has: decoded, applied and decided on like any other, it moves no
    /// quote and sends nothing, but keeps the path's code and data in the caches and the TLB.
    /// </summary>
    /// <returns>The next update id.</returns>
    private static long Rehearse(ScriptedMarketData source, int quietMs, int everyUs, long update)
    {
        long now = Stopwatch.GetTimestamp();
        long until = now + (quietMs * Stopwatch.Frequency / 1000);
        long step = everyUs * Stopwatch.Frequency / 1_000_000;
        for (long next = now; now < until; now = Stopwatch.GetTimestamp())
        {
            if (now >= next)
            {
                next = now + step;
                source.Push(Encoding.UTF8.GetBytes($$"""{"topic":"orderbook.50.SIMUSDT","type":"delta","ts":{{NowMs()}},"data":{"s":"SIMUSDT","b":[["{{RehearsedLevel}}","{{RehearsedSize}}"]],"a":[],"u":{{update}},"seq":{{update}}},"cts":{{NowMs()}}}"""));
                update++;
            }
        }

        return update;
    }

    /// <returns>The whole path's median.</returns>
    private static double Print(string name, List<Sample> samples)
    {
        (string Name, Func<Sample, double> Of)[] parts =
        [
            ("whole path", s => s.Total),
            ("decode and inbox", s => s.Inbox),
            ("book and private updates", s => s.Book),
            ("before the decision", s => s.BeforeDecision),
            ("decision", s => s.Decision),
            ("routing", s => s.Routing),
        ];
        Console.WriteLine($"  {name} ({samples.Count:N0} decisions):");
        double wholeMedian = double.NaN;
        for (int p = 0; p < parts.Length; p++)
        {
            double[] sorted = [.. samples.Select(parts[p].Of).Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {parts[p].Name,-26} {At(sorted, 0.5),6:F2} / {At(sorted, 0.9),6:F2} / {At(sorted, 0.99),6:F2}"));
            if (p == 0)
            {
                wholeMedian = At(sorted, 0.5);
            }
        }

        return wholeMedian;
    }

    private static double At(double[] sorted, double quantile) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static byte[] Snapshot()
    {
        string Side(int sign) => string.Join(',', Enumerable.Range(1, Levels).Select(i => string.Create(CultureInfo.InvariantCulture, $"[\"{100 + (sign * i * 0.01):F2}\",\"{i:F3}\"]")));
        return Encoding.UTF8.GetBytes($$"""{"topic":"orderbook.50.SIMUSDT","type":"snapshot","ts":{{NowMs()}},"data":{"s":"SIMUSDT","b":[{{Side(-1)}}],"a":[{{Side(1)}}],"u":1,"seq":1},"cts":{{NowMs()}}}""");
    }

    /// <summary>
    /// A delta that moves both sides' best a tick: a bid at 100.00 (a new best) and the ask at 100.01
    /// taken away, or the other way back; and a few deeper levels changed on each side.
    /// </summary>
    private static byte[] Delta(long update, bool bestBidIn)
    {
        var bids = new StringBuilder(bestBidIn ? "[\"100.00\",\"1.000\"]" : "[\"100.00\",\"0\"]");
        var asks = new StringBuilder(bestBidIn ? "[\"100.01\",\"0\"]," : "[\"100.01\",\"1.000\"],");
        for (int i = 0; i < LevelsTouched; i++)
        {
            string size = ((update % 7) + i + 1).ToString("F3", CultureInfo.InvariantCulture);
            bids.Append(CultureInfo.InvariantCulture, $",[\"{100 - ((10 + i) * 0.01):F2}\",\"{size}\"]");
            asks.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[\"{100 + ((10 + i) * 0.01):F2}\",\"{size}\"]");
        }

        return Encoding.UTF8.GetBytes($$"""{"topic":"orderbook.50.SIMUSDT","type":"delta","ts":{{NowMs()}},"data":{"s":"SIMUSDT","b":[{{bids}}],"a":[{{asks}}],"u":{{update}},"seq":{{update}}},"cts":{{NowMs()}}}""");
    }

    /// <summary>One decision's time by stage, in microseconds.</summary>
    private readonly record struct Sample(double Total, double Inbox, double Book, double BeforeDecision, double Decision, double Routing);

    /// <summary>Public data handed in by the bench, frame by frame, through the real decoder; the session runs on the pushing thread.</summary>
    private sealed class ScriptedMarketData : IMarketDataSource
    {
        private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        private readonly BybitFeedDecoder _decoder = new(Sim);

        public string Name => "scripted";

        public string Endpoint => "bench://scripted/";

        public void Push(byte[] frame) => _frames.Writer.TryWrite(frame);

        public Task<VenueInstrument> InstrumentAsync(string symbol, CancellationToken cancellationToken) =>
            Task.FromResult(new VenueInstrument(Sim, 0.01m, 0.001m, 0.001m));

        public async IAsyncEnumerable<BybitFeedMessage> StreamAsync(VenueInstrument instrument, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // The cancellable token matters: only such a wait continues on the writer's thread (see TradingSession's loop).
            while (await _frames.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_frames.Reader.TryRead(out byte[]? frame))
                {
                    long now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
                    BybitFeedDecoder.Decoded decoded = _decoder.Decode(frame, now);
                    yield return new BybitFeedMessage
                    {
                        Kind = BybitFeedMessageKind.OrderBook,
                        Topic = decoded.Topic,
                        LocalTime = now,
                        ExchangeTime = decoded.ExchangeTime,
                        Events = decoded.Events,
                    };
                }
            }
        }

        public Task<long> ServerTimeAsync(CancellationToken cancellationToken) => Task.FromResult((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100);
    }

    /// <summary>The paper venue, with the stamps of the message being handled and of the first request it sends.</summary>
    private sealed class StampingVenue(IVenue inner) : ForwardingVenue(inner)
    {
        private int _driver;
        private long _observed;
        private long _handed;

        public ManualResetEventSlim FirstObserved { get; } = new();

        public void Reset(int driver)
        {
            _driver = driver;
            _observed = 0;
            _handed = 0;
        }

        /// <summary>The decision's stages since <paramref name="start"/>, when it ran on the driver's thread, sent a request and stamped every stage in order.</summary>
        public Sample? Sample(long start)
        {
            long book = StageStamps.BookApplied, started = StageStamps.DecisionStarted, made = StageStamps.DecisionMade;
            return _handed == 0 || !(start <= _observed && _observed <= book && book <= started && started <= made && made <= _handed)
                ? null
                : new Sample(Micro(_handed - start), Micro(_observed - start), Micro(book - _observed), Micro(started - book), Micro(made - started), Micro(_handed - made));
        }

        private static double Micro(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

        public override void Observe(BybitFeedMessage message, List<PrivateUpdate> updates)
        {
            if (Environment.CurrentManagedThreadId == _driver && _observed == 0)
            {
                _observed = Stopwatch.GetTimestamp();
            }

            base.Observe(message, updates);
            FirstObserved.Set();
        }

        public override ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken)
        {
            if (Environment.CurrentManagedThreadId == _driver && _observed != 0 && _handed == 0)
            {
                _handed = Stopwatch.GetTimestamp();
            }

            return base.SendAsync(command, cancellationToken);
        }
    }
}
