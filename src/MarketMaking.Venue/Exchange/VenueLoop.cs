using MarketMaking.Venue.Faults;
using MarketMaking.Venue.Streams;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The venue's market thread and the one lock around the market. The thread keeps the market in
/// step with the wall clock × speed and pushes the public data that is due, every millisecond;
/// a request runs on its own thread under the same lock, after bringing the market up to now, so
/// it sees the exchange as it is at that moment without waiting for the market thread to wake up.
/// Everything that touches the market, the account or the streams' topic state runs under the
/// lock, one thing at a time.
/// </summary>
internal sealed class VenueLoop : IDisposable
{
    // How long the market thread rests between its rounds (wall time).
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(1);

    private readonly VenueClock _clock;
    private readonly FaultInjector _faults;
    private readonly Lock _gate = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private bool _squeezed;
    private bool _skewed;
    private Exception? _failure;

    public VenueLoop(VenueClock clock, FaultInjector faults)
    {
        _clock = clock;
        _faults = faults;
        _thread = new Thread(Loop) { IsBackground = true, Name = "venue market" };
    }

    /// <summary>The instruments listed, each with its own market; the first answers what is not about one instrument (the server time).</summary>
    public IReadOnlyList<VenueInstrument> Instruments { get; set; } = [];

    /// <summary>The account's private requests across the instruments.</summary>
    public AccountRequests Account { get; set; } = null!;

    /// <summary>The instruments' public data, in listing order.</summary>
    public IReadOnlyList<PublicMarketData> Public { get; set; } = [];

    /// <summary>The instrument <paramref name="symbol"/> names, or null.</summary>
    public VenueInstrument? Find(string? symbol) => Instruments.FirstOrDefault(i => i.Symbol == symbol);

    public StreamHub Hub { get; set; } = null!;

    /// <summary>The exception that stopped the market, if one did.</summary>
    public Exception? Failure => _failure;

    public void Start() => _thread.Start();

    /// <summary>Runs <paramref name="work"/> under the market's lock, the market brought up to now first, and returns its result.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        lock (_gate)
        {
            if (_stopping || _failure is not null)
            {
                return Task.FromException<T>(new ObjectDisposedException("the venue has stopped", _failure));
            }

            try
            {
                CatchUp();
                return Task.FromResult(work());
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }
    }

    public void Stop()
    {
        _stopping = true;
        if (Thread.CurrentThread != _thread && _thread.IsAlive)
        {
            _thread.Join();
        }
    }

    public void Dispose() => Stop();

    private void Loop()
    {
        while (!_stopping)
        {
            lock (_gate)
            {
                try
                {
                    CatchUp();
                    NoteTimedFaults();
                    foreach (VenueInstrument instrument in Instruments)
                    {
                        instrument.Public.Publish();
                    }

                    Hub.Tick();
                }
                catch (Exception e)
                {
                    _failure = e;
                    return;
                }
            }

            Thread.Sleep(Slice);
        }
    }

    /// <summary>Runs every market up to the wall clock × speed and settles what their fills left for the reduce-only orders.</summary>
    private void CatchUp()
    {
        double target = _clock.MarketTarget;
        foreach (VenueInstrument instrument in Instruments)
        {
            instrument.Market.AdvanceTo(target);
            instrument.Exchange.EnforceReduceOnly();
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
