namespace MarketMaking.Learning.Agents;

/// <summary>
/// Running returns of the N trajectories and the mean of the last few finished episodes, for
/// progress reports. Fixed buffers: nothing is allocated per step.
/// </summary>
internal sealed class RecentEpisodes(int trajectories, int window = 1000)
{
    private readonly double[] _running = new double[trajectories];
    private readonly double[] _finished = new double[window];
    private int _next;
    private int _filled;
    private double _sum;

    public long Count { get; private set; }

    public double Mean => _filled == 0 ? double.NaN : _sum / _filled;

    public void Add(int trajectory, float reward, bool done)
    {
        _running[trajectory] += reward;
        if (!done)
        {
            return;
        }

        // The sum is kept incrementally; drift is negligible over a window this short.
        _sum += _running[trajectory] - (_filled == _finished.Length ? _finished[_next] : 0);
        _finished[_next] = _running[trajectory];
        _next = (_next + 1) % _finished.Length;
        _filled = Math.Min(_filled + 1, _finished.Length);
        _running[trajectory] = 0;
        Count++;
    }
}
