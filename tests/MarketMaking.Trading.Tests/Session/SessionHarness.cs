using System.Diagnostics;
using MarketMaking.Data.Bybit;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Paper;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>A paper session on a scripted market behind a <see cref="FakeVenue"/>, quoting the touch (or the strategy given), with a stopwatch on its faults.</summary>
internal sealed class SessionHarness : IDisposable
{
    private readonly TempJournal _journal = new();
    private readonly Dictionary<string, TaskCompletionSource<long>> _faults = [];
    private readonly Func<IQuotingStrategy> _strategy;

    private readonly TimeProvider? _time;

    public SessionHarness(int messages = 3000, ulong seed = 4, int pauseAfter = -1, TimeSpan pauseFor = default, decimal positionOffset = 0, Func<SessionSettings, SessionSettings>? settings = null, Func<IQuotingStrategy>? strategy = null, TimeProvider? time = null, IReadOnlyList<BybitFeedMessage>? script = null)
    {
        _time = time;
        _strategy = strategy ?? (() => new TouchStrategy(0.01));
        Data = new ScriptedMarketData(script ?? ScriptedMarketData.RandomWalk(seed, messages)) { PauseAfter = pauseAfter, PauseFor = pauseFor };
        Venue = new FakeVenue(new PaperVenue(Data, new PaperSettings { Latency = new ConstantLatency(2_000_000, 2_000_000) })) { PositionOffset = positionOffset };
        var defaults = new SessionSettings { Symbol = "TESTUSDT", StrategyName = "touch", JournalPath = _journal.Path, RequoteInterval = TimeSpan.FromMilliseconds(50) };
        Settings = settings?.Invoke(defaults) ?? defaults;
        Session = New();
    }

    public ScriptedMarketData Data { get; }

    public FakeVenue Venue { get; }

    public SessionSettings Settings { get; }

    public TradingSession Session { get; private set; }

    public string JournalPath => _journal.Path;

    /// <summary>A new session on the same venue and journal (a restart).</summary>
    public TradingSession New()
    {
        Session = new TradingSession(Venue, Settings, _ => _strategy(), _time);
        Session.FaultSeen = kind =>
        {
            lock (_faults)
            {
                Fault(kind).TrySetResult(Stopwatch.GetTimestamp());
            }
        };
        return Session;
    }

    /// <summary>Completes with the stopwatch time the session first saw a fault of this kind.</summary>
    public Task<long> FaultAsync(string kind)
    {
        lock (_faults)
        {
            return Fault(kind).Task;
        }
    }

    public async Task PlayedAsync(int messages)
    {
        while (Data.Played < messages)
        {
            await Task.Delay(5);
        }
    }

    /// <summary>Waits until the venue holds none of our orders; returns the stopwatch time it saw that.</summary>
    public async Task<long> NoOrderOpenAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if ((await Venue.Inner.AccountAsync(0, default)).OpenOrders == 0)
            {
                return Stopwatch.GetTimestamp();
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"orders still open on the venue after {within.TotalSeconds} s");
    }

    /// <summary>Waits until <paramref name="condition"/> holds (another thread makes it so); fails after 30 s, which only stops a hung test.</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "not seen within 30 s");
            await Task.Delay(10);
        }
    }

    public IReadOnlyList<JournalEvent> Events(string? kind = null) => JournalReader.Events(JournalPath, kind);

    public void Dispose() => _journal.Dispose();

    public static TimeSpan Between(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    private TaskCompletionSource<long> Fault(string kind)
    {
        if (!_faults.TryGetValue(kind, out TaskCompletionSource<long>? source))
        {
            _faults[kind] = source = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return source;
    }
}
