using MarketMaking.Core.Accounting;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Metrics;

/// <summary>
/// Streams the metrics of one run as the event loop reports orders, fills and marks, keeping
/// running sums rather than series so memory does not grow with the length of the run.
/// The ledger stays the single record of cash and inventory; <see cref="Finish"/> reads it.
/// </summary>
public sealed class MetricsCollector
{
    // |inventory| this close to the limit counts as at the limit: the limit is usually reached by sizes on a lot grid.
    private const double LimitTolerance = 1e-9;

    // A mark within this fraction of a period before a boundary counts as on it, so round-off in
    // accumulated step times (0.1 summed 8 times is 0.7999999999999999) does not shift a sample by a step.
    private const double BoundaryTolerance = 1e-9;

    private readonly MetricsOptions _options;
    private readonly MarkoutTracker _markouts;

    private long _buyOrders;
    private long _sellOrders;
    private double _edgeTimesQuantity;
    private double _filledQuantity;
    private double _capturedEdge;
    private double _quotedHalfSpread;
    private double _quotedSpreadSum;
    private long _twoSidedQuotes;

    private bool _hasMark;
    private double _firstMarkTime;
    private double _lastMarkTime;
    private double _lastMid;
    private double _lastAbsInventory;
    private double _lastInventory;
    private double _longSquaredInventoryTime;
    private double _shortSquaredInventoryTime;
    private bool _lastAtLimit;
    private double _absInventoryTime;
    private double _timeAtLimit;
    private double _maxAbsInventory;

    private long _periodIndex;
    private double _periodStartEquity;
    private RunningMoments _periodPnl;
    private double _downsideSquares;
    private StreamingDrawdown _drawdown;

    public MetricsCollector(MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _markouts = new MarkoutTracker(options.MarkoutHorizons);
    }

    /// <summary>The position |q| at which time at the limit is counted (+∞: none).</summary>
    public double InventoryLimit => _options.InventoryLimit;

    /// <summary>After each decision: our ask − bid (NaN when one side is not quoted, which is not counted).</summary>
    public void OnQuoted(double quotedSpread)
    {
        if (double.IsFinite(quotedSpread))
        {
            _quotedSpreadSum += quotedSpread;
            _twoSidedQuotes++;
        }
    }

    public void OnOrderSubmitted(Side side)
    {
        if (side == Side.Buy)
        {
            _buyOrders++;
        }
        else
        {
            _sellOrders++;
        }
    }

    /// <param name="fill">A fill already applied to the run's ledger.</param>
    /// <param name="quotedSpread">Our ask − bid when the fill happened; NaN when we quoted one side only,
    /// which leaves the fill out of the spread capture ratio.</param>
    public void OnFill(in Fill fill, double quotedSpread)
    {
        double edge = fill.EdgePerUnit * fill.Quantity;
        _edgeTimesQuantity += edge;
        _filledQuantity += fill.Quantity;
        if (double.IsFinite(quotedSpread))
        {
            _capturedEdge += edge;
            _quotedHalfSpread += quotedSpread / 2 * fill.Quantity;
        }

        _markouts.OnFill(fill);
    }

    /// <summary>
    /// The state at <paramref name="time"/> (non-decreasing between calls). The inventory holds
    /// until the next mark; <paramref name="equity"/> is the ledger's equity at <paramref name="mid"/>.
    /// </summary>
    public void OnMark(double time, double mid, double equity, double inventory)
    {
        if (!_hasMark)
        {
            _hasMark = true;
            _firstMarkTime = time;
            _periodStartEquity = equity;
        }
        else
        {
            if (time < _lastMarkTime)
            {
                throw new ArgumentException($"mark at {time} arrived after a mark at {_lastMarkTime}", nameof(time));
            }

            double elapsed = time - _lastMarkTime;
            _absInventoryTime += _lastAbsInventory * elapsed;
            double squaredTime = _lastInventory * _lastInventory * elapsed;
            if (_lastInventory > 0)
            {
                _longSquaredInventoryTime += squaredTime;
            }
            else
            {
                _shortSquaredInventoryTime += squaredTime;
            }
            if (_lastAtLimit)
            {
                _timeAtLimit += elapsed;
            }

            SamplePeriodPnl(time, equity);
        }

        double absInventory = Math.Abs(inventory);
        _lastMarkTime = time;
        _lastMid = mid;
        _lastAbsInventory = absInventory;
        _lastInventory = inventory;
        _lastAtLimit = absInventory >= _options.InventoryLimit - LimitTolerance;
        _maxAbsInventory = Math.Max(_maxAbsInventory, absInventory);
        _drawdown.Observe(equity);
        _markouts.OnMid(time, mid);
    }

    /// <summary>The run's metrics, its inventory marked at <paramref name="finalMid"/>.</summary>
    /// <param name="finalMid">
    /// NaN when the run ends without a mid (a live book stopped before it had both sides, or that lost
    /// one): the last mark's mid then; a run that never had a mark is not marked, its net PnL the cash
    /// it made when it holds nothing, else NaN.
    /// </param>
    public RunMetrics Finish(Ledger ledger, double finalMid)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (double.IsInfinity(finalMid))
        {
            throw new ArgumentException($"the final mid must be finite or NaN, got {finalMid}", nameof(finalMid));
        }

        double mark = double.IsNaN(finalMid) && _hasMark ? _lastMid : finalMid;
        double netPnl = (double.IsNaN(mark) && ledger.Position == 0 ? ledger.Cash : ledger.Equity(mark)) - ledger.InitialCash;
        double sharpe = _periodPnl.Count < 2 ? double.NaN : PerformanceStatistics.RatioOrNaN(_periodPnl.Mean, _periodPnl.StandardDeviation);
        double sortino = _periodPnl.Count == 0
            ? double.NaN
            : PerformanceStatistics.RatioOrNaN(_periodPnl.Mean, Math.Sqrt(_downsideSquares / _periodPnl.Count));
        DrawdownResult drawdown = _drawdown.Result(_options.InitialCapital);
        double duration = _lastMarkTime - _firstMarkTime;
        RoundTripStatistics roundTrips = ledger.RoundTrips;
        return new RunMetrics
        {
            NetPnl = netPnl,
            GrossPnl = netPnl + ledger.NetFees,
            FeesPaid = ledger.FeesPaid,
            RebatesReceived = ledger.RebatesReceived,
            NetFees = ledger.NetFees,
            SharpePerPeriod = sharpe,
            SamplePeriod = _options.SamplePeriod,
            PnlPeriods = _periodPnl.Count,
            SharpeAnnualized = PerformanceStatistics.Annualize(sharpe, _options.PeriodsPerYear),
            SortinoPerPeriod = sortino,
            MaxDrawdown = drawdown.Absolute,
            MaxDrawdownFraction = drawdown.Fraction,
            OrdersSubmitted = _buyOrders + _sellOrders,
            BuyOrdersSubmitted = _buyOrders,
            SellOrdersSubmitted = _sellOrders,
            Fills = ledger.Fills,
            FillRate = PerformanceStatistics.FillRate(ledger.Fills, _buyOrders + _sellOrders),
            RoundTrips = roundTrips,
            WinRate = roundTrips.WinRate,
            EdgeEarned = _edgeTimesQuantity,
            AverageEdge = _filledQuantity > 0 ? _edgeTimesQuantity / _filledQuantity : double.NaN,
            SpreadCaptureRatio = _quotedHalfSpread != 0 ? _capturedEdge / _quotedHalfSpread : double.NaN,
            AverageQuotedSpread = _twoSidedQuotes > 0 ? _quotedSpreadSum / _twoSidedQuotes : double.NaN,
            Markouts = _markouts.Results(),
            MeanAbsInventory = duration > 0 ? _absInventoryTime / duration : double.NaN,
            MaxAbsInventory = _hasMark ? _maxAbsInventory : double.NaN,
            TimeAtLimitShare = duration > 0 ? _timeAtLimit / duration : double.NaN,
            LongSquaredInventoryTime = _longSquaredInventoryTime,
            ShortSquaredInventoryTime = _shortSquaredInventoryTime,
            Turnover = ledger.Turnover,
            FinalInventory = ledger.Position,
        };
    }

    /// <summary>Records the PnL of each period whose end boundary this mark is the first to reach.</summary>
    private void SamplePeriodPnl(double time, double equity)
    {
        long periodIndex = (long)Math.Floor((time - _firstMarkTime) / _options.SamplePeriod + BoundaryTolerance);
        if (periodIndex <= _periodIndex)
        {
            return;
        }

        double pnl = equity - _periodStartEquity;
        _periodPnl.Add(pnl);
        if (pnl < 0)
        {
            _downsideSquares += pnl * pnl;
        }

        // This mark is also the first at or after every boundary skipped since the last mark, so
        // those periods start and end on the same equity: zero PnL, which still counts as periods.
        _periodPnl.AddRepeated(0, periodIndex - _periodIndex - 1);
        _periodIndex = periodIndex;
        _periodStartEquity = equity;
    }
}
