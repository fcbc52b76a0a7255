using MarketMaking.Core.Errors;
using MarketMaking.Core.Randomness;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Correlates the fundamentals of several agent markets (one book each) through one common
/// Brownian factor W: market i's diffusion is σᵢ·(bᵢ·dW + √(1 − bᵢ²)·dWᵢ) with Wᵢ its own, so the
/// increments of markets i and j have correlation bᵢ·bⱼ = ρ (with constant volatility; jumps and
/// the volatility's own wandering stay each market's). ρ ≥ 0 takes bᵢ = √ρ for every market; a
/// negative ρ needs exactly two markets (b = ±√|ρ|). Each market reads the factor lazily at its own
/// times, which need not be in order across markets: a time inside the path already drawn is
/// filled in by the Brownian bridge, so every market sees the same path.
/// </summary>
public sealed class CorrelatedFundamentals
{
    private readonly double[] _loadings;
    private readonly double[] _lastRead;
    private readonly List<(double Time, double Value)> _path = [];
    private ScalarRandom _random;

    public CorrelatedFundamentals(int markets, double correlation, ulong seed)
    {
        if (markets < 2)
        {
            throw new InvalidParameterException("markets", $"correlating fundamentals takes at least two markets, got {markets}");
        }

        if (!(correlation is >= -1 and <= 1))
        {
            throw new InvalidParameterException("correlation", $"must be between -1 and 1, got {correlation}");
        }

        if (correlation < 0 && markets != 2)
        {
            throw new InvalidParameterException("correlation", $"a negative correlation ({correlation}) needs exactly two markets; {markets} cannot all be negatively correlated through one factor");
        }

        Correlation = correlation;
        double loading = Math.Sqrt(Math.Abs(correlation));
        _loadings = [.. Enumerable.Range(0, markets).Select(i => i == 1 && correlation < 0 ? -loading : loading)];
        _lastRead = [.. Enumerable.Repeat(double.NegativeInfinity, markets)];
        _random = new ScalarRandom(seed);
    }

    /// <summary>The correlation of any two markets' fundamental increments.</summary>
    public double Correlation { get; }

    public int Markets => _loadings.Length;

    /// <summary>bᵢ: how much of market <paramref name="market"/>'s diffusion is the common factor.</summary>
    public double Loading(int market) => _loadings[market];

    /// <summary>W(to) − W(from) of the common factor, read by <paramref name="market"/>, whose reads go forward in time.</summary>
    public double Increment(int market, double from, double to)
    {
        double increment = ValueAt(to) - ValueAt(from);
        _lastRead[market] = to;
        Forget();
        return increment;
    }

    private double ValueAt(double time)
    {
        if (_path.Count == 0)
        {
            _path.Add((time, 0));
            return 0;
        }

        (double lastTime, double lastValue) = _path[^1];
        if (time >= lastTime)
        {
            if (time > lastTime)
            {
                _path.Add((time, lastValue + (Math.Sqrt(time - lastTime) * _random.NextNormal())));
            }

            return _path[^1].Value;
        }

        (double firstTime, double firstValue) = _path[0];
        if (time < firstTime)
        {
            // Before the path drawn so far: the increment back to it is independent of the rest.
            double value = firstValue - (Math.Sqrt(firstTime - time) * _random.NextNormal());
            _path.Insert(0, (time, value));
            return value;
        }

        int index = _path.BinarySearch((time, 0), TimeOrder.Instance);
        if (index >= 0)
        {
            return _path[index].Value;
        }

        // Between two drawn points: the Brownian bridge, given both ends.
        int after = ~index;
        (double t0, double w0) = _path[after - 1];
        (double t1, double w1) = _path[after];
        double weight = (time - t0) / (t1 - t0);
        double bridged = w0 + (weight * (w1 - w0)) + (Math.Sqrt((time - t0) * (t1 - time) / (t1 - t0)) * _random.NextNormal());
        _path.Insert(after, (time, bridged));
        return bridged;
    }

    /// <summary>Drops the points no market can read again (every market reads forward from its last read).</summary>
    private void Forget()
    {
        double earliest = _lastRead.Min();
        int keep = 0;
        while (keep + 1 < _path.Count && _path[keep + 1].Time <= earliest)
        {
            keep++;
        }

        if (keep > 0)
        {
            _path.RemoveRange(0, keep);
        }
    }

    private sealed class TimeOrder : IComparer<(double Time, double Value)>
    {
        public static readonly TimeOrder Instance = new();

        public int Compare((double Time, double Value) x, (double Time, double Value) y) => x.Time.CompareTo(y.Time);
    }
}
