namespace MarketMaking.Signals.Windows;

/// <summary>
/// Sum and sum of squares of the last <c>length</c> values, in a fixed ring: O(1) per value, no
/// allocation after construction. The sums are re-added from the ring once per <c>length</c>
/// values, so floating-point drift from add-then-subtract stays bounded.
/// </summary>
internal sealed class RollingWindow
{
    private readonly double[] _values;
    private int _next;
    private int _addsSinceResum;

    public RollingWindow(int length)
    {
        _values = new double[length];
    }

    public int Length => _values.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _values.Length;

    public double Sum { get; private set; }

    public double SumOfSquares { get; private set; }

    /// <summary>NaN when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Sample variance (n − 1); 0 below two values; never negative.</summary>
    public double Variance => Count < 2 ? 0 : Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1));

    public void Add(double value)
    {
        if (IsFull)
        {
            double oldest = _values[_next];
            Sum -= oldest;
            SumOfSquares -= oldest * oldest;
        }
        else
        {
            Count++;
        }

        _values[_next] = value;
        _next = _next + 1 == _values.Length ? 0 : _next + 1;
        Sum += value;
        SumOfSquares += value * value;
        if (++_addsSinceResum >= _values.Length)
        {
            Resum();
        }
    }

    private void Resum()
    {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += _values[i];
            squares += _values[i] * _values[i];
        }

        Sum = sum;
        SumOfSquares = squares;
        _addsSinceResum = 0;
    }
}
