using MarketMaking.Core.Collections;

namespace MarketMaking.Signals.Windows;

/// <summary>
/// Sum and count of the values stamped within the last window: entries with time in
/// (latest − window, latest]. Entries sit in a power-of-two ring that grows by doubling, so a
/// window in steady state allocates nothing, and eviction is amortized O(1). Times may arrive
/// slightly out of order (merged feeds); eviction follows the latest time seen.
/// </summary>
internal sealed class TimeWindow
{
    private readonly RingBuffer<(long Time, double Value)> _entries = new(64);
    private long _start;
    private bool _started;

    // Adding and subtracting doubles drifts; re-adding the entries once per ring length of
    // evictions bounds the drift at an amortized O(1) cost. Integer values never drift.
    private int _evictionsSinceResum;

    public TimeWindow(TimeSpan window)
    {
        WindowNanos = window.Ticks * TimeSpan.NanosecondsPerTick;
        Seconds = window.TotalSeconds;
    }

    public long WindowNanos { get; }

    public double Seconds { get; }

    public int Count => _entries.Count;

    public double Sum { get; private set; }

    public long Latest { get; private set; }

    /// <summary>True once a whole window of time has been observed.</summary>
    public bool IsFull => _started && Latest - _start >= WindowNanos;

    public void Add(long time, double value)
    {
        Advance(time);
        _entries.Enqueue((time, value));
        Sum += value;
    }

    public void Advance(long now)
    {
        if (!_started)
        {
            _started = true;
            _start = now;
            Latest = now;
        }

        Latest = Math.Max(Latest, now);
        long cutoff = Latest - WindowNanos;
        while (_entries.Count > 0 && _entries.Front.Time <= cutoff)
        {
            Sum -= _entries.Front.Value;
            _entries.Dequeue();
            if (++_evictionsSinceResum >= Math.Max(_entries.Count, 64))
            {
                Resum();
            }
        }
    }

    private void Resum()
    {
        double sum = 0;
        for (int i = 0; i < _entries.Count; i++)
        {
            sum += _entries[i].Value;
        }

        Sum = sum;
        _evictionsSinceResum = 0;
    }
}
