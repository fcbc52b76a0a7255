using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Calibration;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Options;

/// <summary>
/// One L2 data set ready to replay (built by <see cref="ReplayOptions.Open"/>): its instrument, the
/// σ, A, κ calibrated on its first part, and the execution settings. Every run gets a new market
/// with its own seeded latency model, so runs are independent and may go in parallel.
/// </summary>
internal sealed class ReplaySession
{
    private readonly LatencySpec _latency;
    private readonly string _queueModel;
    private readonly string _requote;

    private ReplaySession(ReplaySettings settings, TimeSpan warmUp, LatencySpec latency, string queueModel, string requote, Instrument instrument, CalibrationResult? calibration, long[] recordedLatencies)
    {
        Settings = settings;
        WarmUp = warmUp;
        _latency = latency;
        _queueModel = queueModel;
        _requote = requote;
        DataInstrument = instrument;
        Calibration = calibration;
        RecordedLatencies = recordedLatencies;
    }

    /// <summary>How latency is drawn: from the data's own receive delays, lognormal, or constant (ns).</summary>
    public sealed record LatencySpec(bool Recorded, long Entry, long Cancel, double Jitter, int Seed, string EntryText, string CancelText);

    /// <summary>Replay settings without a latency model (each market gets its own).</summary>
    public ReplaySettings Settings { get; }

    /// <summary>The calibration window at the start of the data, which is never traded.</summary>
    public TimeSpan WarmUp { get; }

    /// <summary>The instrument of the data (ticks and lots as read or given).</summary>
    public Instrument DataInstrument { get; }

    /// <summary>σ, A, κ in price units from the warm-up window; null when it is zero.</summary>
    public CalibrationResult? Calibration { get; }

    public long[] RecordedLatencies { get; }

    /// <summary>Depth bins of one tick out to 200 ticks, σ from mids sampled every second.</summary>
    public static MarketCalibrator Calibrator() =>
        new(new FillIntensityCalibrator(depthStep: 1, depthLevels: 200), new MidVolatilityEstimator(TimeSpan.FromSeconds(1)));

    internal static ReplaySession Open(ReplaySettings settings, TimeSpan warmUp, LatencySpec latency, string queueModel, string requote, Func<IMarketEventSource> open)
    {
        long[] recorded = latency.Recorded ? RecordedDelays(open) : [];
        CalibrationResult? calibration = null;
        Instrument instrument;
        using (IMarketEventSource probe = open())
        {
            instrument = probe.Instrument;
            if (warmUp > TimeSpan.Zero)
            {
                calibration = Calibrate(probe, warmUp);
            }
        }

        return new ReplaySession(settings, warmUp, latency, queueModel, requote, instrument, calibration, recorded);
    }

    /// <summary>Strategy settings on this data: σ, A, κ as given, else calibrated, else the defaults; one lot per order.</summary>
    public StrategySettings Baseline(double? sigma, double? a, double? kappa, double horizon) => new()
    {
        Sigma = sigma ?? Calibration?.Sigma.Value ?? 2,
        A = a ?? Calibration?.A.Value ?? 140,
        Kappa = kappa ?? Calibration?.Kappa.Value ?? 1.5,
        Horizon = horizon,
        OrderQuantity = DataInstrument.LotSize,
    };

    /// <summary>
    /// A market replaying <paramref name="source"/> for <paramref name="strategy"/>, with a new latency
    /// model. Trading starts after the calibration window, or <paramref name="startAfter"/> ns after
    /// the source's first event when given: everything before is replayed (book, volatility and
    /// features rebuilt) but not traded.
    /// </summary>
    public ReplayMarket Market(IMarketEventSource source, IQuotingStrategy strategy, long? startAfter = null)
    {
        ILatencyModel latency = _latency switch
        {
            { Recorded: true } => new EmpiricalLatency(RecordedLatencies, _latency.Seed),
            { Jitter: > 0, Entry: > 0 } => new LognormalLatency(_latency.Entry, _latency.Jitter, _latency.Seed),
            _ => new ConstantLatency(_latency.Entry, _latency.Cancel),
        };
        var market = new ReplayMarket(source, Settings with { Latency = latency, StartAfter = startAfter ?? Settings.StartAfter });
        if (strategy is IReadsMarketFeatures { FeatureSettings: { } features })
        {
            market.Features = new MarketFeatures(features);
        }

        return market;
    }

    /// <summary>The calibration, in one line.</summary>
    public string CalibrationText => Calibration is not { } c
        ? "none (parameters given)"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"first {WarmUp.TotalSeconds:G} s: σ {c.Sigma.Value:G4} per √s [{c.Sigma.Lower:G4}, {c.Sigma.Upper:G4}], A {c.A.Value:G4}/s [{c.A.Lower:G4}, {c.A.Upper:G4}], κ {c.Kappa.Value:G4} per price unit [{c.Kappa.Lower:G4}, {c.Kappa.Upper:G4}]");

    /// <summary>Queue model, latency and requote interval, in one line.</summary>
    public string ExecutionText
    {
        get
        {
            string latency = _latency.Recorded
                ? string.Create(CultureInfo.InvariantCulture, $"recorded: {RecordedLatencies.Length:N0} receive delays of the data above the fastest, median {RecordedLatencies.Order().ElementAt(RecordedLatencies.Length / 2) / 1e6:G4} ms")
                : $"{_latency.EntryText} entry, {_latency.CancelText} cancel{(_latency.Jitter > 0 ? $", lognormal log-std {_latency.Jitter}" : string.Empty)}";
            return $"queue model {_queueModel}; latency {latency}; requote interval {_requote}";
        }
    }

    /// <summary>σ, A and κ in price units from the first <paramref name="window"/> of the data.</summary>
    private static CalibrationResult Calibrate(IMarketEventSource source, TimeSpan window)
    {
        try
        {
            return Calibrator().Calibrate(source, window).InPriceUnits(source.Instrument.TickSize);
        }
        catch (InsufficientDataException e)
        {
            throw new InvalidParameterException("calibrate", $"{e.Message}; shorten it or give --sigma, --A and --kappa");
        }
    }

    /// <summary>
    /// Order latencies from the data's own receive delays (local − exchange time) over its first
    /// 100,000 events, measured from the fastest: a recorder's clock is rarely in step with the
    /// exchange's, and subtracting the minimum cancels the offset (it also drops the fastest
    /// message's own travel time, so these are latencies above the best case).
    /// </summary>
    private static long[] RecordedDelays(Func<IMarketEventSource> open)
    {
        using IMarketEventSource reader = open();
        var delays = new List<long>();
        Span<MarketEvent> buffer = new MarketEvent[4096];
        int count;
        while (delays.Count < 100_000 && (count = reader.Read(buffer)) > 0)
        {
            foreach (ref readonly MarketEvent e in buffer[..count])
            {
                delays.Add(e.LocalTime - e.ExchangeTime);
            }
        }

        if (delays.Count == 0)
        {
            throw new InvalidParameterException("latency", "the data holds no events to take latencies from");
        }

        long fastest = delays.Min();
        return [.. delays.Select(d => d - fastest)];
    }
}
