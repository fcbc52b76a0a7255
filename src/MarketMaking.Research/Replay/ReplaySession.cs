using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Calibration;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Replay;

/// <summary>
/// One L2 data set ready to replay: its instrument, the σ, A, κ calibrated on its first part, and
/// the execution settings of a <see cref="ReplaySetup"/>. Every run gets a new market with its own
/// seeded latency model, so runs are independent and may go in parallel. Backtests, sweeps and
/// walk-forward folds all build their markets here, so a point of a sweep trades exactly as a backtest.
/// </summary>
public sealed class ReplaySession
{
    // σ, A, κ neither given nor calibrated: the model market's, which a real market need not be near.
    private static readonly StrategySettings Defaults = new();

    private readonly ReplaySetup _setup;

    private ReplaySession(ReplaySetup setup, ReplaySettings settings, Instrument instrument, CalibrationResult? calibration, long[] recordedLatencies)
    {
        _setup = setup;
        Settings = settings;
        DataInstrument = instrument;
        Calibration = calibration;
        RecordedLatencies = recordedLatencies;
    }

    /// <summary>Replay settings without a latency model (each market gets its own).</summary>
    public ReplaySettings Settings { get; }

    /// <summary>The calibration window at the start of the data, which is never traded.</summary>
    public TimeSpan WarmUp => _setup.CalibrationWindow;

    /// <summary>The instrument of the data (ticks and lots as read or given).</summary>
    public Instrument DataInstrument { get; }

    /// <summary>σ, A, κ in price units from the warm-up window; null when it is zero.</summary>
    public CalibrationResult? Calibration { get; }

    /// <summary>The data's receive delays above the fastest (ns), when the latency is recorded; empty otherwise.</summary>
    public IReadOnlyList<long> RecordedLatencies { get; }

    /// <summary>
    /// Checks <paramref name="setup"/>, then reads what the replay needs from the data (instrument,
    /// calibration window, recorded latencies) through <paramref name="open"/>, which gives a fresh
    /// stream of the data from its start each time it is called.
    /// </summary>
    /// <exception cref="InvalidParameterException">A setting is out of range, or the calibration window holds too little data.</exception>
    public static ReplaySession Open(ReplaySetup setup, Func<IMarketEventSource> open)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(open);
        setup.Validate();
        bool exact = ExactQueues(setup, open);
        var settings = new ReplaySettings
        {
            ExactQueues = exact,
            OwnImpact = setup.OwnImpact,
            QueueModel = setup.ModelQueues.Create(),
            RequoteInterval = Durations.Nanoseconds(setup.RequoteInterval),
            StartAfter = Durations.Nanoseconds(setup.CalibrationWindow),
            MakerFeeRate = setup.MakerFeeRate,
            TakerFeeRate = setup.TakerFeeRate,
        }.Validate();
        long[] recorded = setup.Latency.Recorded ? RecordedDelays(open) : [];
        CalibrationResult? calibration = null;
        Instrument instrument;
        using (IMarketEventSource probe = open())
        {
            instrument = probe.Instrument;
            if (setup.CalibrationWindow > TimeSpan.Zero)
            {
                calibration = Calibrate(probe, setup.CalibrationWindow);
            }
        }

        return new ReplaySession(setup, settings, instrument, calibration, recorded);
    }

    /// <summary>Strategy settings on this data: σ, A, κ as given, else calibrated, else the defaults; one lot per order.</summary>
    /// <param name="sigma">σ per √s in price units, overriding the calibration.</param>
    /// <param name="a">Fill intensity A per second, overriding the calibration.</param>
    /// <param name="kappa">Fill decay κ per price unit, overriding the calibration.</param>
    /// <param name="horizon">T − t the finite-horizon models quote with (s).</param>
    public StrategySettings Baseline(double? sigma = null, double? a = null, double? kappa = null, double horizon = 60) => new()
    {
        Sigma = sigma ?? Calibration?.Sigma.Value ?? Defaults.Sigma,
        A = a ?? Calibration?.A.Value ?? Defaults.A,
        Kappa = kappa ?? Calibration?.Kappa.Value ?? Defaults.Kappa,
        Horizon = horizon,
        OrderQuantity = DataInstrument.LotSize,
    };

    /// <summary>
    /// A market replaying <paramref name="source"/> for <paramref name="strategy"/>, with a new latency
    /// model. Trading starts after the calibration window, or <paramref name="startAfter"/> ns after
    /// the source's first event when given: everything before is replayed (book, volatility and
    /// features rebuilt) but not traded.
    /// </summary>
    public ReplayMarket Market(IMarketEventSource source, IQuotingStrategy strategy, long? startAfter = null) =>
        Market(source, strategy is IReadsMarketFeatures { FeatureSettings: { } features } ? features : null, startAfter);

    /// <summary>As above for a trader that is not a strategy (an RL environment): <paramref name="features"/> kept when given.</summary>
    public ReplayMarket Market(IMarketEventSource source, MarketFeatureSettings? features, long? startAfter = null)
    {
        var market = new ReplayMarket(source, Settings with { Latency = _setup.Latency.Create(_setup.Seed, RecordedLatencies), StartAfter = startAfter ?? Settings.StartAfter });
        if (features is not null)
        {
            market.Features = new MarketFeatures(features);
        }

        return market;
    }

    /// <summary>
    /// The σ, A, κ that <see cref="Baseline"/> quotes with for the same overrides, in one line, each
    /// with where it came from: the calibration (with its interval), given, or the default when
    /// there is no calibration window, then which options would set the defaulted ones.
    /// </summary>
    public string CalibrationText(double? sigma = null, double? a = null, double? kappa = null)
    {
        if (Calibration is { } c)
        {
            return $"first {WarmUp.TotalSeconds.ToString("G", CultureInfo.InvariantCulture)} s: {c.Describe(sigma, a, kappa)}";
        }

        static string Used(string name, double? given, double fallback) =>
            string.Create(CultureInfo.InvariantCulture, $"{name} {given ?? fallback:G} ({(given is null ? "default" : "given")})");
        string[] missing = [.. new[] { ("--sigma", sigma), ("--A", a), ("--kappa", kappa) }.Where(p => p.Item2 is null).Select(p => p.Item1)];
        string give = missing.Length == 0 ? string.Empty : $"; give {(missing.Length == 1 ? missing[0] : $"{string.Join(", ", missing[..^1])} and {missing[^1]}")}";
        return $"none (--calibrate 0s): {Used("σ", sigma, Defaults.Sigma)}, {Used("A", a, Defaults.A)}, {Used("κ", kappa, Defaults.Kappa)}{give}";
    }

    /// <summary>Queue model, latency and requote interval, in one line.</summary>
    public string ExecutionText =>
        $"{(Settings.ExactQueues ? $"exact L3 queues{(Settings.OwnImpact ? " with own impact" : string.Empty)}" : $"queue model {_setup.ModelQueues.Name}")}; latency {_setup.Latency.Describe(RecordedLatencies)}; requote interval {Durations.Format(_setup.RequoteInterval)}";

    /// <summary>
    /// Whether the replay puts our orders in the real queues: as <see cref="ReplaySetup.ExactQueues"/>
    /// says, else exactly when the data is order by order. A setting the chosen queues do not read is
    /// refused, not ignored: exact queues on data of price levels only (there are no queues to join),
    /// a queue model with exact queues, own impact without them.
    /// </summary>
    internal static bool ExactQueues(ReplaySetup setup, Func<IMarketEventSource> open)
    {
        const string OrderByOrder = "order-by-order data (lobster, dbn-mbo, or an .mmev converted from them); this data holds price levels only";
        bool orderByOrder = setup.ExactQueues != false && IsOrderByOrder(open);
        if (setup.ExactQueues == true && !orderByOrder)
        {
            throw new InvalidParameterException("queues", $"exact queues need {OrderByOrder}: give --queues model");
        }

        bool exact = setup.ExactQueues ?? orderByOrder;
        if (exact && setup.QueueModel is { } model)
        {
            throw new InvalidParameterException("queue-model", $"exact L3 queues read no queue model (our orders join the real queues); give --queues model to replay the L2 view through {model.Name}");
        }

        if (!exact && setup.OwnImpact)
        {
            throw new InvalidParameterException("own-impact", setup.ExactQueues == false
                ? "own impact shortens the recorded executions in the exact L3 queues, which --queues model does not use"
                : $"own impact needs {OrderByOrder}");
        }

        return exact;
    }

    /// <summary>Whether the data holds order-by-order events (among its first 4,096).</summary>
    internal static bool IsOrderByOrder(Func<IMarketEventSource> open)
    {
        using IMarketEventSource peek = open();
        Span<MarketEvent> buffer = new MarketEvent[4096];
        int count = peek.Read(buffer);
        foreach (ref readonly MarketEvent e in buffer[..count])
        {
            if (e.Kind >= MarketEventKind.OrderAdd)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>σ, A and κ in price units from the first <paramref name="window"/> of the data.</summary>
    private static CalibrationResult Calibrate(IMarketEventSource source, TimeSpan window)
    {
        try
        {
            return MarketCalibrator.ForTicks().Calibrate(source, window).InPriceUnits(source.Instrument.TickSize);
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
