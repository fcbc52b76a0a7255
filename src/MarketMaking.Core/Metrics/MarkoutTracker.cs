using MarketMaking.Core.Accounting;
using MarketMaking.Core.Collections;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Metrics;

/// <summary>
/// Markouts of fills at fixed horizons, streamed: each fill waits in one queue per horizon until
/// the mid at fill time + horizon is known. The mid is piecewise constant: a mid reported at time
/// t holds until the next one, so mid(t + h) is the last mid reported at or before t + h.
/// Fills and mids must arrive in non-decreasing time order.
/// </summary>
public sealed class MarkoutTracker
{
    private readonly HorizonState[] _horizons;
    private double _mid = double.NaN;
    private double _lastMidTime = double.NegativeInfinity;
    private double _lastFillTime = double.NegativeInfinity;

    /// <param name="horizons">Each &gt; 0, in the time unit of <see cref="Fill.Time"/>.</param>
    public MarkoutTracker(ReadOnlySpan<double> horizons)
    {
        _horizons = new HorizonState[horizons.Length];
        for (int i = 0; i < horizons.Length; i++)
        {
            _horizons[i] = new HorizonState(InvalidParameterException.RequirePositive("markout_horizons", horizons[i]));
        }
    }

    public void OnFill(in Fill fill)
    {
        if (fill.Time < _lastFillTime)
        {
            throw new ArgumentException($"fill at {fill.Time} arrived after a fill at {_lastFillTime}", nameof(fill));
        }

        _lastFillTime = fill.Time;

        // Before the first reported mid, the fill's own mid is the best knowledge of the mid in force.
        if (double.IsNaN(_mid))
        {
            _mid = fill.Mid;
        }

        var pending = new PendingFill(0, fill.Side.Sign(), fill.Price, fill.Quantity);
        foreach (HorizonState horizon in _horizons)
        {
            horizon.Pending.Enqueue(pending with { DueTime = fill.Time + horizon.Horizon });
        }
    }

    /// <summary>A new mid, in force from <paramref name="time"/> until the next call.</summary>
    public void OnMid(double time, double mid)
    {
        if (time < _lastMidTime)
        {
            throw new ArgumentException($"mid at {time} arrived after a mid at {_lastMidTime}", nameof(time));
        }

        _lastMidTime = time;
        foreach (HorizonState horizon in _horizons)
        {
            RingBuffer<PendingFill> pending = horizon.Pending;
            while (pending.Count > 0 && pending.Front.DueTime <= time)
            {
                ref readonly PendingFill fill = ref pending.Front;
                // Due strictly before this mid: the previous mid was in force at the due time.
                double midAtDue = fill.DueTime < time ? _mid : mid;
                horizon.Resolve(fill.Sign * (midAtDue - fill.Price), fill.Quantity);
                pending.Dequeue();
            }
        }

        _mid = mid;
    }

    /// <summary>One result per horizon, in the order given to the constructor.</summary>
    public IReadOnlyList<MarkoutResult> Results()
    {
        var results = new MarkoutResult[_horizons.Length];
        for (int i = 0; i < _horizons.Length; i++)
        {
            HorizonState horizon = _horizons[i];
            double meanPerUnit = horizon.ResolvedQuantity > 0 ? horizon.Total / horizon.ResolvedQuantity : double.NaN;
            results[i] = new MarkoutResult(horizon.Horizon, horizon.Resolved, horizon.Pending.Count, meanPerUnit, horizon.Total);
        }

        return results;
    }

    private readonly record struct PendingFill(double DueTime, int Sign, double Price, double Quantity);

    private sealed class HorizonState(double horizon)
    {
        public double Horizon { get; } = horizon;

        public RingBuffer<PendingFill> Pending { get; } = new();

        public long Resolved { get; private set; }

        public double ResolvedQuantity { get; private set; }

        public double Total { get; private set; }

        public void Resolve(double markoutPerUnit, double quantity)
        {
            Resolved++;
            ResolvedQuantity += quantity;
            Total += markoutPerUnit * quantity;
        }
    }
}
