using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Exchange;

/// <summary>
/// Latency drawn from a lognormal distribution with a given median and log-standard deviation,
/// the usual shape of network round trips (a floor plus a long right tail). Seeded.
/// </summary>
public sealed class LognormalLatency : ILatencyModel
{
    private readonly double _logMedian;
    private readonly double _logStd;
    private readonly Random _random;

    public LognormalLatency(long medianNanoseconds, double logStd, int seed)
    {
        _logMedian = Math.Log(InvalidParameterException.RequirePositive("latency", medianNanoseconds));
        _logStd = InvalidParameterException.RequireNonNegative("latency_log_std", logStd);
        _random = new Random(seed);
    }

    public long OrderEntry() => Draw();

    public long Cancel() => Draw();

    private long Draw()
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        double z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return (long)Math.Exp(_logMedian + (_logStd * z));
    }
}
