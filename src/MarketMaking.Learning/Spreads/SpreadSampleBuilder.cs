using MarketMaking.Core.Orders;

namespace MarketMaking.Learning.Spreads;

/// <summary>
/// Turns a stream of trades and periodic market samples (mid and features) into a
/// <see cref="SpreadDataset"/>: each sample waits until its window has passed, watching the
/// extreme prices trades reached, and is then added with the window's outcome. Times in seconds,
/// prices in ticks. Feed it from a simulated market or a recorded file alike.
/// </summary>
public sealed class SpreadSampleBuilder
{
    private readonly SpreadDataset _dataset;
    private readonly double _window;
    private readonly double _interval;
    private readonly long _timeOffset;
    private readonly List<Pending> _pending = [];
    private double _nextSample = double.NegativeInfinity;

    /// <param name="timeOffset">Added to row times (ns) so several runs line up one after another.</param>
    public SpreadSampleBuilder(SpreadDataset dataset, SpreadTargetSettings settings, long timeOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _dataset = dataset;
        _window = settings.Window;
        _interval = settings.SampleInterval;
        _timeOffset = timeOffset;
    }

    /// <summary>Samples still waiting for their window to end.</summary>
    public int Waiting => _pending.Count;

    public void OnTrade(double time, Side aggressor, double price)
    {
        foreach (Pending sample in _pending)
        {
            if (time > sample.Time && time <= sample.Time + _window)
            {
                sample.See(aggressor, price);
            }
        }
    }

    /// <summary>
    /// The market now: closes the windows that have ended (their last mid is this one) and, when a
    /// sample is due, opens a new one with <paramref name="features"/>.
    /// </summary>
    public void OnMarket(double time, double mid, ReadOnlySpan<double> features)
    {
        while (_pending.Count > 0 && time >= _pending[0].Time + _window)
        {
            Pending done = _pending[0];
            _pending.RemoveAt(0);
            _dataset.Add(_timeOffset + (long)(done.Time * 1e9), done.Features, new SpreadWindow(done.Mid, mid, done.LowestSell, done.HighestBuy));
        }

        if (time >= _nextSample && double.IsFinite(mid))
        {
            _pending.Add(new Pending(time, mid, features.ToArray()));
            // On the grid while samples come often enough; after a gap, one interval from now.
            _nextSample = _nextSample + _interval > time ? _nextSample + _interval : time + _interval;
        }
    }

    private sealed class Pending(double time, double mid, double[] features)
    {
        public double Time { get; } = time;

        public double Mid { get; } = mid;

        public double[] Features { get; } = features;

        public double LowestSell { get; private set; } = double.PositiveInfinity;

        public double HighestBuy { get; private set; } = double.NegativeInfinity;

        public void See(Side aggressor, double price)
        {
            if (aggressor == Side.Sell)
            {
                LowestSell = Math.Min(LowestSell, price);
            }
            else
            {
                HighestBuy = Math.Max(HighestBuy, price);
            }
        }
    }
}
