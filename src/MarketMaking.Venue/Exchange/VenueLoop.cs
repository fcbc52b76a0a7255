using System.Collections.Concurrent;
using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Markets;
using MarketMaking.Venue.Streams;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The venue's market thread. It keeps the market in step with the wall clock × speed, runs the
/// requests handlers post to it (each against the market as it is at that moment), and pushes the
/// public data that is due. Everything that touches the market, the account or the streams' topic
/// state runs here, one thing at a time, so no locks are needed and a request sees a consistent
/// exchange.
/// </summary>
internal sealed class VenueLoop : IDisposable
{
    // How far the market runs before the loop looks at requests again (wall time).
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(1);

    private readonly IVenueMarket _market;
    private readonly VenueClock _clock;
    private readonly FaultInjector _faults;
    private readonly ConcurrentQueue<Action> _work = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private bool _squeezed;
    private bool _skewed;
    private Exception? _failure;

    public VenueLoop(IVenueMarket market, VenueClock clock, FaultInjector faults)
    {
        _market = market;
        _clock = clock;
        _faults = faults;
        _thread = new Thread(Run) { IsBackground = true, Name = "venue market" };
    }

    public VenueExchange Exchange { get; set; } = null!;

    public PublicMarketData Public { get; set; } = null!;

    public StreamHub Hub { get; set; } = null!;

    /// <summary>The exception that stopped the market thread, if one did.</summary>
    public Exception? Failure => _failure;

    public void Start() => _thread.Start();

    /// <summary>Runs <paramref name="work"/> on the market thread and returns its result.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_stopping || _failure is not null)
        {
            done.SetException(new ObjectDisposedException("the venue has stopped", _failure));
            return done.Task;
        }

        _work.Enqueue(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        _signal.Release();
        return done.Task;
    }

    public void Stop()
    {
        _stopping = true;
        _signal.Release();
        if (Thread.CurrentThread != _thread && _thread.IsAlive)
        {
            _thread.Join();
        }
    }

    public void Dispose()
    {
        Stop();
        _signal.Dispose();
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                _market.AdvanceTo(_clock.MarketTarget);
                Exchange.EnforceReduceOnly();
                while (_work.TryDequeue(out Action? work))
                {
                    work();
                }

                NoteTimedFaults();
                Public.Publish();
                Hub.Tick();
                _signal.Wait(Slice);
            }
        }
        catch (Exception e)
        {
            _failure = e;
            while (_work.TryDequeue(out Action? work))
            {
                work(); // each completes its caller's task (with the market's state as it is)
            }
        }
    }

    /// <summary>Counts each rate-limit squeeze and clock skew once, when it starts.</summary>
    private void NoteTimedFaults()
    {
        bool squeezed = _faults.InForce(FaultKind.RateLimitSqueeze);
        if (squeezed && !_squeezed && _faults.Rule(FaultKind.RateLimitSqueeze) is { } squeeze)
        {
            _faults.Record(FaultKind.RateLimitSqueeze, $"rate limits × {squeeze.Factor} for {squeeze.Duration.TotalSeconds:0.###} s");
        }

        bool skewed = _faults.InForce(FaultKind.ClockSkew);
        if (skewed && !_skewed && _faults.Rule(FaultKind.ClockSkew) is { } skew)
        {
            _faults.Record(FaultKind.ClockSkew, $"exchange clock off by {skew.Offset.TotalMilliseconds:0} ms for {skew.Duration.TotalSeconds:0.###} s");
        }

        (_squeezed, _skewed) = (squeezed, skewed);
    }
}
