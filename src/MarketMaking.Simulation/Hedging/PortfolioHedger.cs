using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// Watches the quoted instrument's run from inside the event loop and hedges it on one or more
/// hedge instruments through a <see cref="HedgeVenue"/>. β mode: every mid is sampled on a fixed
/// clock and the log returns feed a <see cref="RollingHedgeRatios"/> (the quoted return regressed on
/// every hedge's), so a decision uses only returns that ended before it; once the window is full,
/// when the unhedged exposure Σ_j |β_j·q₁·P₁ + q_j·P_j| passes the threshold and no hedge is
/// travelling, taker orders bring each q_j to −β_j·q₁·P₁/P_j (whole lots). Cross-venue mode: every
/// fill hedged at once, with one hedge one for one (β = 1 in units); with several, by the same β
/// vector (q_j to −β_j·q₁·P₁/P_j at every decision, no threshold) once the window is full, and one
/// for one on the first hedge until then. Keeps each leg's ledger and a sample of every leg per
/// sampling period, and feeds every leg and the sampled mids to the run's
/// <see cref="HedgePortfolioLimits"/> when it has them.
/// </summary>
public sealed class PortfolioHedger : IRunObserver
{
    private readonly HedgeVenue _venue;
    private readonly HedgeSettings _settings;
    private readonly List<HedgeSample> _samples = new(4096);
    private readonly double[] _lastHedgeMids;
    private readonly double[] _heldAtSample;
    private readonly double[] _returns;
    private readonly double[] _hedgePositions;
    private readonly double[] _hedgeMids;
    private int _absorbed;
    private long _nextSample = long.MinValue;
    private double _lastQuotedMid = double.NaN;

    public PortfolioHedger(HedgeVenue venue, HedgeSettings settings, HedgePortfolioLimits? limits = null)
    {
        _venue = venue ?? throw new ArgumentNullException(nameof(venue));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        int hedges = venue.HedgeInstruments.Count;
        if (limits is not null && limits.Limits.Instruments.Count != hedges + 1)
        {
            throw new ArgumentException($"the portfolio limits name {limits.Limits.Instruments.Count} instruments, the run has {hedges + 1}", nameof(limits));
        }

        Limits = limits;
        Ratios = new RollingHedgeRatios(hedges, settings.Window);
        Hedges = [.. Enumerable.Range(0, hedges).Select(_ => new Ledger())];
        _lastHedgeMids = [.. Enumerable.Repeat(double.NaN, hedges)];
        _heldAtSample = new double[hedges];
        _returns = new double[hedges];
        _hedgePositions = new double[hedges];
        _hedgeMids = new double[hedges];
    }

    /// <summary>The portfolio limits the quoted leg's risk gate asks (null: none).</summary>
    public HedgePortfolioLimits? Limits { get; }

    /// <summary>β of the quoted instrument's returns on each hedge's, as of the last sample.</summary>
    public RollingHedgeRatios Ratios { get; }

    /// <summary>The quoted leg: every fill of ours, as the event loop booked it.</summary>
    public Ledger Quoted { get; } = new();

    /// <summary>Each hedge leg: its executed hedges, taker fees included.</summary>
    public IReadOnlyList<Ledger> Hedges { get; }

    /// <summary>The first hedge leg.</summary>
    public Ledger Hedge => Hedges[0];

    /// <summary>Hedge orders sent: each when the exposure passed the threshold with nothing travelling and a whole lot to trade.</summary>
    public long Crossings { get; private set; }

    public IReadOnlyList<HedgeSample> Samples => _samples;

    public IReadOnlyList<HedgeExecution> Executions => _venue.Executions;

    /// <summary>Hedge <paramref name="hedge"/>'s mid at the last sample.</summary>
    public double LastHedgeMid(int hedge) => _lastHedgeMids[hedge];

    public void OnFill(in Fill fill, IMarket market) => Quoted.Apply(in fill);

    public void OnMark(IMarket market, double position)
    {
        ArgumentNullException.ThrowIfNull(market);
        long now = _venue.LocalTime;
        Absorb();
        Sample(now, market.Mid);
        Decide(now, market.Mid, Quoted.Position);
        if (Limits is not null)
        {
            for (int j = 0; j < Hedges.Count; j++)
            {
                _hedgePositions[j] = Hedges[j].Position;
                _hedgeMids[j] = _venue.MidOf(j);
            }

            Limits.Mark(Quoted.Position, market.Mid, _hedgePositions, _hedgeMids);
        }
    }

    /// <summary>The end of the run: books the last hedges and samples every leg once more, marked at <paramref name="quotedMid"/>.</summary>
    public void Finish(double quotedMid)
    {
        Absorb();
        _nextSample = long.MinValue;
        Sample(_venue.LocalTime, quotedMid);
    }

    /// <summary>Books the hedges executed since the last mark.</summary>
    private void Absorb()
    {
        IReadOnlyList<HedgeExecution> done = _venue.Executions;
        for (; _absorbed < done.Count; _absorbed++)
        {
            HedgeExecution h = done[_absorbed];
            var fill = new Fill(h.ExecutedAt / 1e9, -1, h.Side, h.AveragePrice, h.Quantity, h.Fee, IsMaker: false, h.MidAtExecution);
            Hedges[h.Hedge].Apply(in fill);
        }
    }

    private void Sample(long now, double quotedMid)
    {
        if (now < _nextSample || !(quotedMid > 0))
        {
            return;
        }

        for (int j = 0; j < Hedges.Count; j++)
        {
            if (!(_venue.MidOf(j) > 0))
            {
                return; // a one-sided book has no mid to mark or return: sample at the next decision
            }
        }

        long interval = _settings.SampleInterval;
        _nextSample = ((now / interval) + 1) * interval;
        bool first = double.IsNaN(_lastQuotedMid);
        double move = 0, equity = 0, absExposure = 0;
        for (int j = 0; j < Hedges.Count; j++)
        {
            double mid = _venue.MidOf(j);
            _returns[j] = first ? double.NaN : Math.Log(mid / _lastHedgeMids[j]);
            move += first || _heldAtSample[j] == 0 ? 0 : _heldAtSample[j] * (mid - _lastHedgeMids[j]);
            equity += Hedges[j].Equity(mid);
            absExposure += Math.Abs(Hedges[j].Position * mid);
            _heldAtSample[j] = Hedges[j].Position;
            _lastHedgeMids[j] = mid;
        }

        if ((_settings.Mode == HedgeMode.Beta || (_settings.Mode == HedgeMode.CrossVenue && Hedges.Count > 1)) && !first)
        {
            Ratios.Add(_returns, Math.Log(quotedMid / _lastQuotedMid));
        }

        Limits?.Observe(now, quotedMid, _lastHedgeMids);
        _lastQuotedMid = quotedMid;
        _samples.Add(new HedgeSample(now, Quoted.Position, Hedge.Position, quotedMid, _lastHedgeMids[0], Quoted.Equity(quotedMid), equity, move, absExposure));
    }

    private void Decide(long now, double quotedMid, double quotedPosition)
    {
        if (_settings.Mode == HedgeMode.None || _venue.PendingCount > 0 || !(quotedMid > 0))
        {
            return;
        }

        for (int j = 0; j < Hedges.Count; j++)
        {
            if (!(_venue.MidOf(j) > 0))
            {
                return;
            }
        }

        bool full = Ratios.Count >= Ratios.Window;
        if (_settings.Mode == HedgeMode.CrossVenue && (Hedges.Count == 1 || !full))
        {
            Send(now, 0, -quotedPosition, beta: 1, error: 0);
            return;
        }

        if (!full)
        {
            return;
        }

        double exposure = 0;
        for (int j = 0; j < Hedges.Count; j++)
        {
            double beta = Ratios.Beta(j);
            if (double.IsNaN(beta))
            {
                return;
            }

            exposure += Math.Abs((beta * quotedPosition * quotedMid) + (Hedges[j].Position * _venue.MidOf(j)));
        }

        if (_settings.Mode == HedgeMode.Beta && exposure <= _settings.Threshold)
        {
            return;
        }

        for (int j = 0; j < Hedges.Count; j++)
        {
            double beta = Ratios.Beta(j);
            Send(now, j, -beta * quotedPosition * quotedMid / _venue.MidOf(j), beta, Ratios.StandardError(j));
        }
    }

    /// <summary>One taker order bringing hedge <paramref name="hedge"/> to <paramref name="target"/> in whole lots (none when already there).</summary>
    private void Send(long now, int hedge, double target, double beta, double error)
    {
        var instrument = _venue.HedgeInstruments[hedge];
        long lots = instrument.ToLots(target - Hedges[hedge].Position);
        if (lots == 0)
        {
            return;
        }

        Crossings++;
        _venue.SendTaker(lots > 0 ? Side.Buy : Side.Sell, instrument.ToQuantity(Math.Abs(lots)), now, beta, error, hedge);
    }
}
