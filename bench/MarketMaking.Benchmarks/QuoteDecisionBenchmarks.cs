using BenchmarkDotNet.Attributes;
using MarketMaking.Core.Quoting;
using MarketMaking.Strategies;

namespace MarketMaking.Benchmarks;

/// <summary>One quote decision per call (target: under 50 ns, zero allocations).</summary>
[MemoryDiagnoser]
public class QuoteDecisionBenchmarks
{
    private IQuotingStrategy _avellanedaStoikov = null!;
    private IQuotingStrategy _glftExact = null!;
    private IQuotingStrategy _cartaJaimungal = null!;
    private double _inventory;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new StrategySettings();
        _avellanedaStoikov = StrategyCatalog.Create("as", settings);
        _glftExact = StrategyCatalog.Create("glft-exact", settings);
        _cartaJaimungal = StrategyCatalog.Create("cj", settings);
    }

    [Benchmark]
    public double AvellanedaStoikov() => Decide(_avellanedaStoikov);

    [Benchmark]
    public double GlftExactTableLookup() => Decide(_glftExact);

    [Benchmark]
    public double CarteaJaimungalTableLookup() => Decide(_cartaJaimungal);

    private double Decide(IQuotingStrategy strategy)
    {
        // Inventory and time change every call so nothing is hoisted out of the measured loop.
        _inventory = _inventory >= 5 ? -5 : _inventory + 1;
        var context = new QuoteContext
        {
            Time = 0.3,
            TimeLeft = 0.7 - (_inventory * 0.01),
            Mid = 100,
            BestBid = double.NaN,
            BestAsk = double.NaN,
            Inventory = _inventory,
            Volatility = 2,
        };
        QuoteDecision decision = strategy.Decide(in context);
        return decision.Bids[0].Price + decision.Asks[0].Price;
    }
}
