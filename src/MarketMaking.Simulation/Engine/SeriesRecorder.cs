using MarketMaking.Core.Accounting;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// Keeps at most a fixed number of points of a run however long it is: when full, it drops every
/// other point and records half as often, so memory stays bounded and the points stay evenly spread.
/// Fills are kept the same way.
/// </summary>
public sealed class SeriesRecorder
{
    private readonly int _capacity;
    private readonly List<SeriesPoint> _points;
    private readonly List<Fill> _fills;
    private int _stride = 1;
    private long _seen;
    private int _fillStride = 1;
    private long _fillsSeen;

    public SeriesRecorder(int capacity)
    {
        _capacity = capacity;
        _points = new List<SeriesPoint>(capacity);
        _fills = new List<Fill>(capacity);
    }

    public IReadOnlyList<SeriesPoint> Points => _points;

    public IReadOnlyList<Fill> Fills => _fills;

    public void Record(in SeriesPoint point) => Keep(_points, point, ref _stride, ref _seen);

    public void Record(in Fill fill) => Keep(_fills, fill, ref _fillStride, ref _fillsSeen);

    private void Keep<T>(List<T> items, in T item, ref int stride, ref long seen)
    {
        if (seen++ % stride != 0)
        {
            return;
        }

        if (items.Count == _capacity)
        {
            for (int i = 0; i < _capacity / 2; i++)
            {
                items[i] = items[2 * i];
            }

            items.RemoveRange(_capacity / 2, _capacity - (_capacity / 2));
            stride *= 2;
            if ((seen - 1) % stride != 0)
            {
                return;
            }
        }

        items.Add(item);
    }
}
