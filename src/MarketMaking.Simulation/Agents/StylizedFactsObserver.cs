using MarketMaking.Core.Metrics;
using MarketMaking.Core.Orders;

namespace MarketMaking.Simulation.Agents;

/// <summary>Collects what <see cref="StylizedFacts"/> needs while an agent-based market runs (from time 0 on).</summary>
public sealed class StylizedFactsObserver : IAgentMarketObserver
{
    private static readonly (long Min, long Max)[] Buckets = [(1, 1), (2, 3), (4, 7), (8, 15), (16, long.MaxValue)];

    private readonly List<double> _minuteMids = [];
    private readonly List<long> _tradePrices = [];
    private readonly double[] _spreadTime = new double[4];
    private readonly double[] _impactSum = new double[Buckets.Length];
    private readonly double[] _impactSquareSum = new double[Buckets.Length];
    private readonly double[] _sizeSum = new double[Buckets.Length];
    private readonly long[] _impactCount = new long[Buckets.Length];
    private double _mid = double.NaN;
    private double _lastBookTime;
    private long _spread;
    private double _nextMinute;

    public void OnTrade(double time, Side aggressor, long price, long size)
    {
        if (time >= 0)
        {
            _tradePrices.Add(price);
        }
    }

    public void OnMarketOrder(double time, Side side, long size, double midBefore, double midAfter)
    {
        if (time < 0)
        {
            return;
        }

        int bucket = 0;
        while (size > Buckets[bucket].Max)
        {
            bucket++;
        }

        double impact = side.Sign() * (midAfter - midBefore);
        _impactSum[bucket] += impact;
        _impactSquareSum[bucket] += impact * impact;
        _sizeSum[bucket] += size;
        _impactCount[bucket]++;
    }

    public void OnTopOfBook(double time, long bid, long ask)
    {
        if (time >= 0)
        {
            // The previous spread held from the last change until now.
            if (_spread > 0)
            {
                _spreadTime[Math.Min(_spread, 4) - 1] += time - Math.Max(_lastBookTime, 0);
            }

            while (time >= _nextMinute && !double.IsNaN(_mid))
            {
                _minuteMids.Add(_mid);
                _nextMinute += 60;
            }
        }

        _lastBookTime = time;
        _spread = bid > 0 && ask > 0 ? ask - bid : 0;
        if (_spread > 0)
        {
            _mid = (bid + ask) * 0.5;
        }
    }

    public StylizedFacts Result()
    {
        var returns = new double[Math.Max(0, _minuteMids.Count - 1)];
        for (int i = 0; i < returns.Length; i++)
        {
            returns[i] = Math.Log(_minuteMids[i + 1] / _minuteMids[i]);
        }

        double[] absolute = returns.Select(Math.Abs).ToArray();
        var changes = new double[Math.Max(0, _tradePrices.Count - 1)];
        for (int i = 0; i < changes.Length; i++)
        {
            changes[i] = _tradePrices[i + 1] - _tradePrices[i];
        }

        double totalSpreadTime = _spreadTime.Sum();
        var impact = new List<ImpactBucket>();
        for (int b = 0; b < Buckets.Length; b++)
        {
            if (_impactCount[b] > 0)
            {
                long n = _impactCount[b];
                double mean = _impactSum[b] / n;
                double variance = n > 1 ? Math.Max(0, (_impactSquareSum[b] - (n * mean * mean)) / (n - 1)) : double.NaN;
                impact.Add(new ImpactBucket(Buckets[b].Min, Buckets[b].Max, n, _sizeSum[b] / n, mean, Math.Sqrt(variance / n)));
            }
        }

        return new StylizedFacts(
            returns.Length,
            ExcessKurtosis(returns),
            Enumerable.Range(1, 10).Select(lag => Autocorrelation(absolute, lag)).ToList(),
            Autocorrelation(changes, 1),
            _spreadTime.Select(t => totalSpreadTime > 0 ? t / totalSpreadTime : double.NaN).ToList(),
            impact,
            _tradePrices.Count);
    }

    private static double ExcessKurtosis(ReadOnlySpan<double> x)
    {
        double mean = PerformanceStatistics.Mean(x);
        double m2 = 0, m4 = 0;
        foreach (double v in x)
        {
            double d = v - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }

        m2 /= x.Length;
        m4 /= x.Length;
        return m2 > 0 ? (m4 / (m2 * m2)) - 3 : double.NaN;
    }

    private static double Autocorrelation(ReadOnlySpan<double> x, int lag)
    {
        if (x.Length <= lag + 1)
        {
            return double.NaN;
        }

        double mean = PerformanceStatistics.Mean(x);
        double numerator = 0, denominator = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean;
            denominator += d * d;
            if (i + lag < x.Length)
            {
                numerator += d * (x[i + lag] - mean);
            }
        }

        return denominator > 0 ? numerator / denominator : double.NaN;
    }
}
