using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Simulation.Hedging;

/// <summary>
/// Watches the quoted instrument's run from inside the event loop and hedges it on the second
/// instrument through a <see cref="HedgeVenue"/>. β mode: both mids are sampled on a fixed clock
/// and their log returns feed a <see cref="RollingHedgeRatio"/> (hedge on x, quoted on y), so a
/// decision uses only returns that ended before it; once the window is full, when the unhedged
/// exposure E = β·q₁·P₁ + (q₂ + travelling)·P₂ passes the threshold and no hedge is travelling, a
/// taker order brings q₂ to −β·q₁·P₁/P₂ (whole lots). Cross-venue mode: β = 1 in units, every
/// fill hedged. Keeps each leg's ledger and a sample of both legs per sampling period, and feeds
/// both legs and the sampled mids to the run's <see cref="HedgePortfolioLimits"/> when it has them.
/// </summary>
public sealed class PortfolioHedger : IRunObserver
{
    private readonly HedgeVenue _venue;
    private readonly HedgeSettings _settings;
    private readonly List<HedgeSample> _samples = new(4096);
    private int _absorbed;
    private long _nextSample = long.MinValue;
    private double _lastQuotedMid = double.NaN, _lastHedgeMid = double.NaN;

    public PortfolioHedger(HedgeVenue venue, HedgeSettings settings, HedgePortfolioLimits? limits = null)
    {
        Limits = limits;
        _venue = venue ?? throw new ArgumentNullException(nameof(venue));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        Ratio = new RollingHedgeRatio(settings.Window);
    }

    /// <summary>The portfolio limits the quoted leg's risk gate asks (null: none).</summary>
    public HedgePortfolioLimits? Limits { get; }

    /// <summary>β of the quoted instrument's returns on the hedge's, as of the last sample.</summary>
    public RollingHedgeRatio Ratio { get; }

    /// <summary>The quoted leg: every fill of ours, as the event loop booked it.</summary>
    public Ledger Quoted { get; } = new();

    /// <summary>The hedge leg: every executed hedge, taker fee included.</summary>
    public Ledger Hedge { get; } = new();

    /// <summary>Times the exposure passed the threshold with nothing travelling and a whole lot to trade: each sent one hedge.</summary>
    public long Crossings { get; private set; }

    public IReadOnlyList<HedgeSample> Samples => _samples;

    public IReadOnlyList<HedgeExecution> Executions => _venue.Executions;

    public void OnFill(in Fill fill, IMarket market) => Quoted.Apply(in fill);

    public void OnMark(IMarket market, double position)
    {
        ArgumentNullException.ThrowIfNull(market);
        long now = _venue.LocalTime;
        Absorb();
        Sample(now, market.Mid);
        Decide(now, market.Mid, Quoted.Position);
        Limits?.Mark(Quoted.Position, market.Mid, Hedge.Position, _venue.HedgeMid);
    }

    /// <summary>The end of the run: books the last hedges and samples both legs once more, marked at <paramref name="quotedMid"/>.</summary>
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
            Hedge.Apply(in fill);
        }
    }

    private void Sample(long now, double quotedMid)
    {
        if (now < _nextSample)
        {
            return;
        }

        double hedgeMid = _venue.HedgeMid;
        if (!(quotedMid > 0) || !(hedgeMid > 0))
        {
            return; // a one-sided book has no mid to mark or return: sample at the next decision
        }

        long interval = _settings.SampleInterval;
        _nextSample = ((now / interval) + 1) * interval;
        if (_settings.Mode == HedgeMode.Beta && _lastQuotedMid > 0)
        {
            Ratio.Add(Math.Log(hedgeMid / _lastHedgeMid), Math.Log(quotedMid / _lastQuotedMid));
        }

        Limits?.Observe(now, quotedMid, hedgeMid);
        _lastQuotedMid = quotedMid;
        _lastHedgeMid = hedgeMid;
        _samples.Add(new HedgeSample(now, Quoted.Position, Hedge.Position, quotedMid, hedgeMid, Quoted.Equity(quotedMid), Hedge.Equity(hedgeMid)));
    }

    private void Decide(long now, double quotedMid, double quotedPosition)
    {
        if (_settings.Mode == HedgeMode.None || _venue.PendingCount > 0)
        {
            return;
        }

        double hedgeMid = _venue.HedgeMid;
        if (!(hedgeMid > 0) || !(quotedMid > 0))
        {
            return;
        }

        double beta, error, target;
        if (_settings.Mode == HedgeMode.CrossVenue)
        {
            (beta, error, target) = (1, 0, -quotedPosition);
        }
        else
        {
            if (Ratio.Count < Ratio.Window || double.IsNaN(Ratio.Beta))
            {
                return;
            }

            (beta, error) = (Ratio.Beta, Ratio.StandardError);
            target = -beta * quotedPosition * quotedMid / hedgeMid;
            double exposure = (beta * quotedPosition * quotedMid) + (Hedge.Position * hedgeMid);
            if (Math.Abs(exposure) <= _settings.Threshold)
            {
                return;
            }
        }

        long lots = _venue.HedgeInstrument.ToLots(target - Hedge.Position);
        if (lots == 0)
        {
            return;
        }

        Crossings++;
        _venue.SendTaker(lots > 0 ? Side.Buy : Side.Sell, _venue.HedgeInstrument.ToQuantity(Math.Abs(lots)), now, beta, error);
    }
}
