using BenchmarkDotNet.Attributes;
using MarketMaking.Simulation.Agents;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Benchmarks;

/// <summary>
/// How much faster than real time the venue's agent-based market can run: one operation is one
/// market second of the default market (noise, informed and clustered flow), advanced as the venue's
/// loop does. 1 s / mean is the largest <c>--speed</c> one core keeps up with.
/// </summary>
public class VenueMarketBenchmarks
{
    private const int Seconds = 600;

    private readonly AgentMarketParameters _market = new() { WarmUp = 0 };

    [Benchmark(OperationsPerInvoke = Seconds)]
    public double AdvanceTenMinutes()
    {
        var market = new AgentVenueMarket(_market, 1);
        for (int ms = 1; ms <= Seconds * 1000; ms++)
        {
            market.AdvanceTo(ms / 1000.0);
        }

        return market.Time;
    }
}
