namespace MarketMaking.Core.Metrics;

/// <summary>
/// Maximum drawdown tracked one equity value at a time, so a long run need not keep its curve.
/// A struct so batch callers keep it on the stack; the default value is an empty curve.
/// </summary>
public struct StreamingDrawdown
{
    private double _peak;
    private long _peakIndex;
    private double _peakAtMax;
    private long _peakIndexAtMax;
    private long _troughIndexAtMax;

    public long Count { readonly get; private set; }

    /// <summary>Largest peak-to-trough fall so far, ≥ 0.</summary>
    public double MaxDrawdown { readonly get; private set; }

    /// <summary>Highest equity so far; NaN before the first observation.</summary>
    public readonly double Peak => Count == 0 ? double.NaN : _peak;

    public void Observe(double equity)
    {
        if (Count == 0 || equity > _peak)
        {
            _peak = equity;
            _peakIndex = Count;
        }
        else if (_peak - equity > MaxDrawdown)
        {
            MaxDrawdown = _peak - equity;
            _peakAtMax = _peak;
            _peakIndexAtMax = _peakIndex;
            _troughIndexAtMax = Count;
        }

        Count++;
    }

    /// <summary>
    /// The drawdown so far; the fraction is relative to the account value at the peak,
    /// <paramref name="initialCapital"/> + peak equity, and NaN when there is no capital.
    /// </summary>
    public readonly DrawdownResult Result(double initialCapital)
    {
        if (Count == 0)
        {
            return new DrawdownResult(0, initialCapital > 0 ? 0 : double.NaN, -1, -1);
        }

        double accountAtPeak = initialCapital + _peakAtMax;
        double fraction = initialCapital > 0 && accountAtPeak > 0 ? MaxDrawdown / accountAtPeak : double.NaN;
        return new DrawdownResult(MaxDrawdown, fraction, _peakIndexAtMax, _troughIndexAtMax);
    }
}
