using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Metrics;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Risk;
using MarketMaking.Strategies;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// The one decision path every run goes through, simulated or live: market state → strategy →
/// order manager → risk gate → order gateway, and fills → ledger → order manager → metrics. The
/// event loop drives it from a simulated market; a trading session drives it from a venue's
/// events, so what was backtested is what trades. Nothing here allocates per event.
/// </summary>
public sealed class DecisionPath
{
    private readonly IQuotingStrategy _strategy;

    /// <param name="instrument">The traded instrument (grid and fees).</param>
    /// <param name="strategy">Decides the quotes.</param>
    /// <param name="settings">Risk limits, metrics, quoting mechanics; validated here.</param>
    public DecisionPath(Instrument instrument, IQuotingStrategy strategy, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        Settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        Ledger = new Ledger();
        // Time at the limit counts the binding limit: the one given (the position limit) or the strategy's own, whichever is smaller.
        Metrics = new MetricsCollector(settings.Metrics with { InventoryLimit = Math.Min(settings.Metrics.InventoryLimit, IInventoryLimited.Of(strategy)) });
        Gate = new RiskGate(settings.Risk) { Portfolio = settings.Portfolio };
        Orders = new OrderManager(instrument, Gate)
        {
            OrderSubmitted = Metrics.OnOrderSubmitted,
            RefreshTolerance = settings.RefreshTolerance,
            MaxOrderAge = settings.MaxOrderAge,
        };
        Series = settings.RecordSeries ? new SeriesRecorder(settings.MaxSeriesPoints) : null;
    }

    public RunSettings Settings { get; }

    public Ledger Ledger { get; }

    public MetricsCollector Metrics { get; }

    public RiskGate Gate { get; }

    public OrderManager Orders { get; }

    /// <summary>Time series for charts; null unless the settings ask for them.</summary>
    public SeriesRecorder? Series { get; }

    /// <summary>
    /// One decision: the strategy sees the market and our inventory, the order manager turns its
    /// quotes into orders and the risk gate checks each before it goes to <paramref name="gateway"/>.
    /// Returns our quoted spread after it (NaN while a side is empty).
    /// </summary>
    public double Decide(IMarketView market, IOrderGateway gateway)
    {
        var context = new QuoteContext
        {
            Time = market.Time,
            TimeLeft = market.TimeLeft,
            Mid = market.Mid,
            BestBid = market.BestBid,
            BestAsk = market.BestAsk,
            Inventory = Ledger.Position,
            Volatility = market.Volatility,
            Alpha = market.Alpha,
            Features = market.FeatureValues,
        };
        QuoteDecision decision = _strategy.Decide(in context);

        // The strategy cannot move the market: what it saw is what the orders are checked against.
        Orders.Time = context.Time;
        Orders.Apply(in decision, context.Mid, context.Inventory, context.BestBid, context.BestAsk, gateway);
        double quotedSpread = Orders.QuotedSpread;
        Metrics.OnQuoted(quotedSpread);
        return quotedSpread;
    }

    /// <summary>One of our fills; <paramref name="quotedSpread"/> is our spread when the order was quoted.</summary>
    public void OnFill(in Fill fill, double quotedSpread)
    {
        Ledger.Apply(in fill);
        Orders.OnFill(in fill);
        Metrics.OnFill(in fill, quotedSpread);
        Series?.Record(in fill);
    }

    /// <summary>Marks the position to <paramref name="mid"/> at <paramref name="time"/> (equity, inventory, series).</summary>
    public void Mark(double time, double mid)
    {
        double equity = Ledger.Equity(mid);
        Metrics.OnMark(time, mid, equity, Ledger.Position);
        Series?.Record(new SeriesPoint(time, mid, Orders.BestBid, Orders.BestAsk, Ledger.Position, equity));
    }

    /// <summary>Feeds the net PnL to the kill switch; when this call trips it, cancels every order and returns true.</summary>
    public bool CheckLoss(double time, double mid, IOrderGateway gateway)
    {
        if (!Gate.OnPnl(time, Ledger.Equity(mid)))
        {
            return false;
        }

        Orders.CancelAll(gateway);
        return true;
    }

    /// <summary>The run's result, marked at <paramref name="mid"/>.</summary>
    public RunResult Finish(double mid, double slippageCost = 0)
    {
        var rejections = Enum.GetValues<RejectReason>()
            .Where(reason => reason != RejectReason.None)
            .ToDictionary(reason => reason, Gate.Rejections);
        return new RunResult(
            _strategy.Name,
            Metrics.Finish(Ledger, mid) with { SlippageCost = slippageCost },
            Ledger.RoundTrips,
            Orders.Cancelled,
            Orders.Reduced,
            rejections,
            Gate.KillReason,
            Series);
    }
}
