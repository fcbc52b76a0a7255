using BenchmarkDotNet.Attributes;
using MarketMaking.Simulation.Model;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Benchmarks;

/// <summary>The vectorized model market: 100,000 trajectories × 200 steps per operation (20 M trajectory-steps).</summary>
public class MonteCarloBenchmarks
{
    private MonteCarloEngine _engine = null!;
    private IQuotingStrategy _avellanedaStoikov = null!;
    private IQuotingStrategy _glftExact = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new MonteCarloEngine(ModelMarketPresets.AvellanedaStoikov, new MonteCarloSettings { Trajectories = 100_000 });
        _avellanedaStoikov = StrategyCatalog.Create("as", new StrategySettings());
        _glftExact = StrategyCatalog.Create("glft-exact", new StrategySettings());
    }

    [Benchmark]
    public MonteCarloResult AvellanedaStoikovMarketAndStrategy() => _engine.Run(_avellanedaStoikov);

    [Benchmark]
    public MonteCarloResult GlftExactOnAvellanedaStoikovMarket() => _engine.Run(_glftExact);
}
