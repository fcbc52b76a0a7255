using System.Diagnostics;
using System.Globalization;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit;
using MarketMaking.Simulation.Agents;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Venues;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Benchmarks;

/// <summary>
/// The trading engine's own tick-to-order latency over a long run: from a book message read off the
/// public WebSocket (its local receive stamp, taken before decoding) to the signed order request
/// handed to the HTTP stack (a handler in front of the socket), for every decision that sent one.
/// In between: decoding and book sync, the session's inbox (a channel hop to the session's thread),
/// the book, the strategy, the order manager, the risk gate, the router and its rate limits, the
/// request body and its HMAC signature (REST), or the request frame's bytes (<c>--ws</c>: Bybit's
/// WebSocket order entry, stamped as they go to the socket). The venue is the local one on 127.0.0.1 (the agent-based
/// market at 20× real time), which really trades the orders; the journal is written meanwhile, off
/// the path. By default the venue runs in a child process, as a real exchange is elsewhere: in the
/// same process its allocations (Kestrel, the market) trigger collections that pause the session's
/// threads too. <c>--in-process</c> keeps it in this process. Prints p50, p90, p99, p99.9 and the
/// maximum in microseconds, the collections this process made meanwhile, and the decisions grouped
/// by the time since the request before them (the send path goes cold within milliseconds); with <c>--stages</c>
/// also the session's time split into the book, the decision (strategy, order manager and its calls
/// into the router) and the routing (queues, rate limits, the journal's entry, the send). The first
/// <see cref="DefaultWarmUpSeconds"/> (<c>--warm-up S</c>) are left out: the JIT compiles and then recompiles the decision path (tiered
/// compilation promotes a method after 30 calls), and a session warms up before it trades size.
/// First of all it spins 5 s on its processor and prints what the host took meanwhile (<see cref="Hiccups"/>):
/// this machine's host varies from minute to minute, more than most changes to the engine.
/// </summary>
internal static class TickToOrder
{
    /// <summary>
    /// The default warm-up left out of the figures. At the bench's 7 or so decisions a second, the
    /// methods the path calls once per decision reached tier 1 17-29 s into the session (<c>--jit</c>
    /// lists them), so a shorter warm-up measures partly unoptimized code.
    /// </summary>
    public const double DefaultWarmUpSeconds = 60;
    private const double HostSpin = 5; // seconds of Hiccups before the run

    /// <summary>The child's entry point: serves the venue, prints its URL, key and secret, and stops when its input closes.</summary>
    public static async Task HostVenueAsync()
    {
        await using LocalVenue local = await StartVenueAsync().ConfigureAwait(false);
        Console.WriteLine(local.Url);
        Console.WriteLine(local.ApiKey);
        Console.WriteLine(local.ApiSecret);
        Console.Out.Flush();
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <param name="venueCpu">The processor the venue's child process is confined to (<c>taskset -c</c>), as an exchange runs on its own hardware; null: anywhere.</param>
    /// <param name="warmUpSeconds">How long the session runs before it is measured (the JIT's tiering, the market's start).</param>
    /// <param name="jit">Whether to list what the JIT compiled after the warm-up.</param>
    public static async Task RunAsync(double seconds, double warmUpSeconds, bool inProcess, bool allocations, bool webSocket, bool keepCoreAwake, string? venueCpu, bool jit)
    {
        var warmUp = TimeSpan.FromSeconds(warmUpSeconds);
        // Before anything starts: how much this minute's host takes, so runs from different sittings can be compared.
        Console.WriteLine(Hiccups.Summary(HostSpin));
        if (SingleProcessorTiering.Advice(Environment.ProcessorCount, Environment.GetEnvironmentVariable, AppContext.GetData) is { } advice)
        {
            Console.WriteLine(advice);
        }

        LocalVenue? local = inProcess ? await StartVenueAsync().ConfigureAwait(false) : null;
        using Process? child = inProcess ? null : StartVenueProcess(venueCpu);
        try
        {
            (BybitEnvironment environment, BybitCredentials credentials) = local is not null
                ? (local.Environment, local.Credentials)
                : await ReadVenueAsync(child!).ConfigureAwait(false);
            await MeasureAsync(environment, credentials, seconds, warmUp, inProcess, allocations, webSocket, keepCoreAwake, venueCpu, jit).ConfigureAwait(false);
        }
        finally
        {
            if (local is not null)
            {
                await local.DisposeAsync().ConfigureAwait(false);
            }

            if (child is not null)
            {
                child.StandardInput.Close();
                await child.WaitForExitAsync().ConfigureAwait(false);
            }
        }
    }

    private static Task<LocalVenue> StartVenueAsync() => LocalVenue.StartAsync(
        new AgentVenueMarket(new AgentMarketParameters { Symbol = "SIM", WarmUp = 30 }, 7),
        new VenueSettings { Speed = 20, RateLimits = new VenueRateLimits { Scale = 100 } });

    private static Process StartVenueProcess(string? cpu)
    {
        // Run as `dotnet X.dll` the process is the host, which needs the assembly named; run as the app, it is the app.
        string host = Environment.ProcessPath!;
        bool viaDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet";
        string[] arguments = viaDotnet ? [typeof(TickToOrder).Assembly.Location, "venue-host"] : ["venue-host"];
        var start = new ProcessStartInfo(cpu is null ? host : "taskset", cpu is null ? arguments : ["-c", cpu, host, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        return Process.Start(start) ?? throw new InvalidOperationException("the venue process did not start");
    }

    private static async Task<(BybitEnvironment, BybitCredentials)> ReadVenueAsync(Process child)
    {
        string url = await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("the venue process printed no URL");
        string key = await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("the venue process printed no key");
        string secret = await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("the venue process printed no secret");
        return (BybitEnvironment.Local(new Uri(url)), new BybitCredentials(key, secret));
    }

    private static async Task MeasureAsync(BybitEnvironment environment, BybitCredentials credentials, double seconds, TimeSpan warmUp, bool inProcess, bool allocations, bool webSocket, bool keepCoreAwake, string? venueCpu, bool jit)
    {
        using AllocationSampler? sampler = allocations ? new AllocationSampler() : null;
        using JitSampler? compiled = jit ? new JitSampler() : null;
        if (sampler is not null || compiled is not null)
        {
            _ = Task.Delay(warmUp).ContinueWith(_ => { sampler?.Start(); compiled?.Start(); }, TaskScheduler.Default);
        }

        var stamp = new StampingHandler(new SocketsHttpHandler());
        using var http = new HttpClient(stamp) { Timeout = Timeout.InfiniteTimeSpan };
        var measured = new MeasuringVenue(new BybitVenue(environment, credentials, httpClient: http, orderEntry: webSocket ? BybitOrderEntry.WebSocket : BybitOrderEntry.Rest, sending: _ => StampingHandler.Stamp()), Now() + (long)warmUp.TotalMicroseconds * 1000);
        await using (measured.ConfigureAwait(false))
        {
            string journal = Path.Combine(Path.GetTempPath(), $"tick-to-order-{Environment.ProcessId}.db");
            var settings = new SessionSettings
            {
                Symbol = "SIMUSDT",
                StrategyName = "touch",
                JournalPath = journal,
                RequoteInterval = TimeSpan.Zero,
                Duration = TimeSpan.FromSeconds(seconds) + warmUp,
                KeepCoreAwake = keepCoreAwake,
                RateLimits = new Dictionary<VenueEndpoint, int> { [VenueEndpoint.Create] = 1000, [VenueEndpoint.Amend] = 1000, [VenueEndpoint.Cancel] = 1000, [VenueEndpoint.CancelAll] = 100, [VenueEndpoint.Query] = 1000 },
            };
            var session = new TradingSession(measured, settings, _ => new TouchStrategy(1));
            measured.Session = session;
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            TimeSpan paused = GC.GetTotalPauseDuration();
            long allocated = GC.GetTotalAllocatedBytes();
            SessionResult result = await session.RunAsync().ConfigureAwait(false);
            paused = GC.GetTotalPauseDuration() - paused;
            long measuredBytes = GC.GetTotalAllocatedBytes() - measured.AtMeasureStart.Bytes;
            int measuredCollections = GC.CollectionCount(0) - measured.AtMeasureStart.Collections;
            allocated = GC.GetTotalAllocatedBytes() - allocated;
            foreach (string file in new[] { journal, journal + "-wal", journal + "-shm" })
            {
                File.Delete(file);
            }

            compiled?.Print(15, seconds);

            if (sampler is not null)
            {
                Console.WriteLine("  allocated after the warm-up, by type (sampled every ~100 KB):");
                foreach (string line in sampler.Top(15))
                {
                    Console.WriteLine("    " + line);
                }
            }

            Console.WriteLine("  the slowest decisions (µs: receipt → session + session → request, of which the venue client; a collection meanwhile):");
            foreach (int i in Enumerable.Range(0, measured.Latencies.Count).OrderByDescending(i => measured.Latencies[i]).Take(5))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {measured.Latencies[i],8:F1} = {measured.Waits[i]:F1} + {measured.Handling[i]:F1}, client {measured.Client[i]:F1}{(measured.Collected[i] ? ", collected" : "")}{(measured.Compiled[i] > 0 ? $", {measured.Compiled[i]} methods compiled" : "")}"));
            }

            if (StageStamps.Enabled)
            {
                PrintStages(measured.Stages);
            }

            PrintByQuiet(measured.Latencies, measured.SinceLastRequest);
            PrintByKind(measured.Latencies, measured.Kinds);
            double[] samples = [.. measured.Latencies.Order()];
            double[] waits = [.. measured.Waits.Order()];
            double[] handling = [.. measured.Handling.Order()];
            double[] client = [.. measured.Client.Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  receipt → session: p50 {At(waits, 0.5):F1} µs, p99 {At(waits, 0.99):F1} µs; session → request: p50 {At(handling, 0.5):F1} µs, p99 {At(handling, 0.99):F1} µs, of which the venue client p50 {At(client, 0.5):F1} µs, p99 {At(client, 0.99):F1} µs"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  collections in this process during the session: {GC.CollectionCount(0) - collections[0]} gen0, {GC.CollectionCount(1) - collections[1]} gen1, {GC.CollectionCount(2) - collections[2]} gen2, {paused.TotalMilliseconds:F1} ms paused in all; {allocated / 1e6 / (seconds + warmUp.TotalSeconds):F2} MB allocated per second"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  after the warm-up: {measured.Messages:N0} market messages, {(double)measuredBytes / Math.Max(1, measured.Messages):F0} bytes allocated per market message, {(double)measuredBytes / Math.Max(1, samples.Length):F0} per decision that sent a request, {measuredCollections} gen0 collections"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tick-to-order over {seconds:0} s after {warmUp.TotalSeconds:0} s of warm-up, venue {(inProcess ? "in this process" : venueCpu is null ? "in a child process" : $"in a child process on CPU {venueCpu}")}, orders over {(webSocket ? "the WebSocket order entry" : "REST")}{(keepCoreAwake ? ", processors kept awake" : "")}: {samples.Length:N0} decisions that sent a request ({result.Executions:N0} executions); p50 {At(samples, 0.5):F1} µs, p90 {At(samples, 0.9):F1} µs, p99 {At(samples, 0.99):F1} µs, p99.9 {At(samples, 0.999):F1} µs, max {samples[^1]:F1} µs"));
        }
    }

    /// <summary>Each stage's p50 and p99 over the decisions whose stamps all belong to the message measured.</summary>
    private static void PrintStages(List<Stage> stages)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the session's stages over {stages.Count:N0} decisions (µs, p50 / p99):"));
        (string Name, Func<Stage, double> Of)[] parts =
        [
            ("book and private updates", s => s.Book),
            ("before the decision (risk state, portfolio)", s => s.BeforeDecision),
            ("decision (strategy, order manager, its calls into the router)", s => s.Decision),
            ("routing (queues, rate limits, journal entry, send)", s => s.Routing),
        ];
        foreach ((string name, Func<Stage, double> of) in parts)
        {
            double[] sorted = [.. stages.Select(of).Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name}: {At(sorted, 0.5):F2} / {At(sorted, 0.99):F2}"));
        }
    }

    /// <summary>
    /// The decisions grouped by how long the engine had sent nothing before them: a request right
    /// after another finds the send path in the processor's caches, one after a quiet spell does not.
    /// </summary>
    private static void PrintByQuiet(List<double> latencies, List<double> sinceLast)
    {
        Console.WriteLine("  by the time since the request before (decisions, p50 / p90 µs):");
        (string Name, double From, double To)[] groups = [("under 1 ms", 0, 1), ("1-10 ms", 1, 10), ("10 ms or more", 10, double.PositiveInfinity)];
        foreach ((string name, double from, double to) in groups)
        {
            PrintGroup(name, latencies, i => sinceLast[i] >= from && sinceLast[i] < to, always: true);
        }
    }

    /// <summary>The decisions grouped by what their first request asked (a create builds a new order and its link id; an amend moves one).</summary>
    private static void PrintByKind(List<double> latencies, List<OrderCommandKind> kinds)
    {
        Console.WriteLine("  by the first request's kind (decisions, p50 / p90 µs):");
        foreach (OrderCommandKind kind in Enum.GetValues<OrderCommandKind>())
        {
            PrintGroup(kind.ToString(), latencies, i => kinds[i] == kind, always: false);
        }
    }

    /// <summary>One group's count, p50 and p90; an empty group is said to be empty when <paramref name="always"/>, else left out.</summary>
    private static void PrintGroup(string name, List<double> latencies, Func<int, bool> inGroup, bool always)
    {
        double[] sorted = [.. Enumerable.Range(0, latencies.Count).Where(inGroup).Select(i => latencies[i]).Order()];
        if (sorted.Length > 0 || always)
        {
            Console.WriteLine(sorted.Length == 0
                ? $"    {name}: none"
                : string.Create(CultureInfo.InvariantCulture, $"    {name}: {sorted.Length}, {At(sorted, 0.5):F1} / {At(sorted, 0.9):F1}"));
        }
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private static long Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>One decision's session time by stage, in microseconds.</summary>
    private readonly record struct Stage(double Book, double BeforeDecision, double Decision, double Routing);

    /// <summary>Stamps each request as the HTTP stack takes it, before any byte goes out.</summary>
    private sealed class StampingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        [ThreadStatic]
        private static long _last;

        public static long Last => _last;

        /// <summary>Stamps a request that skips the HTTP stack (the WebSocket order entry).</summary>
        public static void Stamp() => _last = Now();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _last = Now();
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The venue, with the receive stamp of the message being handled and the latency of the first request each decision sends.</summary>
    private sealed class MeasuringVenue(IVenue inner, long measureFrom) : ForwardingVenue(inner)
    {
        private long _received;
        private long _handled;
        private long _handledTicks;
        private int _collections;
        private long _compiled;
        private bool _measured;
        private long _lastRequest;

        public List<double> Latencies { get; } = new(1 << 20);

        public TradingSession? Session { get; set; }

        /// <summary>From the message's receipt to the session starting on it (decoding, the inbox).</summary>
        public List<double> Waits { get; } = new(1 << 20);

        /// <summary>From the session starting on the message to the request stamped (the engine on its own thread).</summary>
        public List<double> Handling { get; } = new(1 << 20);

        /// <summary>Of which the venue client: from the request handed to the venue to its signed body entering the HTTP stack.</summary>
        public List<double> Client { get; } = new(1 << 20);

        /// <summary>What the decision's first request asked: a create after a fill, an amend after a price change, a cancel.</summary>
        public List<OrderCommandKind> Kinds { get; } = new(1 << 20);

        /// <summary>Milliseconds since the request before (of any message): how long the send path had been left to go cold.</summary>
        public List<double> SinceLastRequest { get; } = new(1 << 20);

        /// <summary>Whether a collection ran between the session starting on the message and the request (the tail's usual suspect).</summary>
        public List<bool> Collected { get; } = new(1 << 20);

        /// <summary>How many methods the JIT compiled (or recompiled, tiering up) between the session starting on the message and the request.</summary>
        public List<long> Compiled { get; } = new(1 << 20);

        /// <summary>With <c>--stages</c>: the session's time split, for the decisions whose stamps are all this message's (a send that no decision made has none).</summary>
        public List<Stage> Stages { get; } = new(1 << 16);

        private static double Micro(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

        /// <summary>Market messages handled after the warm-up.</summary>
        public long Messages { get; private set; }

        /// <summary>Bytes this process had allocated, and gen-0 collections it had made, when the first message after the warm-up came.</summary>
        public (long Bytes, int Collections) AtMeasureStart { get; private set; }

        public override void Observe(BybitFeedMessage message, List<PrivateUpdate> updates)
        {
            if (message.LocalTime >= measureFrom && Messages++ == 0)
            {
                AtMeasureStart = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
            }

            _received = message.Kind == BybitFeedMessageKind.OrderBook ? Session!.HandlingMessageReceivedAt : 0;
            _handled = Now();
            _handledTicks = StageStamps.Enabled ? Stopwatch.GetTimestamp() : 0; // the stages' clock, only when they are measured
            _collections = GC.CollectionCount(0);
            _compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            _measured = false;
            base.Observe(message, updates);
        }

        public override void Tick(long now, List<PrivateUpdate> updates)
        {
            _received = 0;
            base.Tick(now, updates);
        }

        public override ValueTask<OrderReply> SendAsync(OrderCommand command, CancellationToken cancellationToken)
        {
            long handed = Now();
            long sinceLast = handed - _lastRequest;
            _lastRequest = handed;
            long handedTicks = StageStamps.Enabled ? Stopwatch.GetTimestamp() : 0;
            ValueTask<OrderReply> reply = base.SendAsync(command, cancellationToken);
            long written = StampingHandler.Last;
            if (_received != 0 && _received == Session!.HandlingMessageReceivedAt && !_measured && written >= _received && _received >= measureFrom)
            {
                _measured = true;
                Latencies.Add((written - _received) / 1000.0);
                Kinds.Add(command.Kind);
                SinceLastRequest.Add(sinceLast / 1e6);
                Waits.Add((_handled - _received) / 1000.0);
                Handling.Add((written - _handled) / 1000.0);
                Client.Add((written - handed) / 1000.0);
                Collected.Add(GC.CollectionCount(0) != _collections);
                Compiled.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - _compiled);
                if (StageStamps.Enabled && _handledTicks <= StageStamps.BookApplied && StageStamps.BookApplied <= StageStamps.DecisionStarted && StageStamps.DecisionStarted <= StageStamps.DecisionMade && StageStamps.DecisionMade <= handedTicks)
                {
                    Stages.Add(new Stage(Micro(StageStamps.BookApplied - _handledTicks), Micro(StageStamps.DecisionStarted - StageStamps.BookApplied), Micro(StageStamps.DecisionMade - StageStamps.DecisionStarted), Micro(handedTicks - StageStamps.DecisionMade)));
                }
            }

            return reply;
        }
    }
}
