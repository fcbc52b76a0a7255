using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Exchange;

/// <summary>Latency replayed from recorded samples (e.g. measured round trips), drawn uniformly. Seeded.</summary>
public sealed class EmpiricalLatency : ILatencyModel
{
    private readonly long[] _samples;
    private readonly Random _random;

    public EmpiricalLatency(IReadOnlyList<long> samplesNanoseconds, int seed)
    {
        ArgumentNullException.ThrowIfNull(samplesNanoseconds);
        if (samplesNanoseconds.Count == 0 || samplesNanoseconds.Any(s => s < 0))
        {
            throw new InvalidParameterException("latency", "recorded latencies must be a non-empty list of non-negative values");
        }

        _samples = samplesNanoseconds.ToArray();
        _random = new Random(seed);
    }

    public long OrderEntry() => _samples[_random.Next(_samples.Length)];

    public long Cancel() => _samples[_random.Next(_samples.Length)];
}
