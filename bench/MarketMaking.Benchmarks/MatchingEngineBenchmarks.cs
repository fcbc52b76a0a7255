using BenchmarkDotNet.Attributes;
using MarketMaking.Simulation.Matching;

namespace MarketMaking.Benchmarks;

/// <summary>
/// The matching engine on the realistic message mix (about 60% limit adds near the touch, 35% cancels,
/// 5% market orders): one operation is one message, so the mean is the time per message.
/// </summary>
[MemoryDiagnoser]
public class MatchingEngineBenchmarks
{
    private const int Messages = 1_000_000;

    private MatchingWorkload _workload = null!;
    private MatchingEngine _engine = null!;
    private MatchingEventBuffer _events = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = MatchingWorkload.Generate(Messages, seed: 1);
        _engine = new MatchingEngine();
        _events = new MatchingEventBuffer();
        _workload.Replay(_engine, _events); // reach the working capacity before measuring
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReplayRealisticMix()
    {
        _engine.Clear();
        _workload.Replay(_engine, _events);
        return _engine.OrderCount;
    }
}
