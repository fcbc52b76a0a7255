using BenchmarkDotNet.Attributes;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Simulation.Agents;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Benchmarks;

/// <summary>
/// The local venue's private REST throughput: signed create + cancel pairs from the trading client
/// over HTTP on 127.0.0.1, rate limits off, on a quiet agent-based market (only these orders trade).
/// One operation is one request, so the mean is the wall time per request with <see cref="Clients"/>
/// requests in flight (1 / mean = requests per second).
/// </summary>
[MemoryDiagnoser]
public class VenueBenchmarks
{
    private const int PairsPerClient = 64;

    private LocalVenue _venue = null!;
    private BybitTradingClient[] _clients = null!;
    private long _next;

    [Params(1, 8)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var quiet = new AgentMarketParameters
        {
            WarmUp = 0,
            Noise = new NoiseTraderParameters { LimitRate = 0, MarketRate = 0, CancelRate = 0 },
            Informed = new InformedTraderParameters { Rate = 0 },
            Momentum = new MomentumTraderParameters { Rate = 0 },
            Value = new ValueTraderParameters { Rate = 0 },
        };
        _venue = LocalVenue.StartAsync(new AgentVenueMarket(quiet, 1), new VenueSettings { RateLimits = new VenueRateLimits { Scale = 0 } }).GetAwaiter().GetResult();
        _clients = [.. Enumerable.Range(0, Clients).Select(_ => new BybitTradingClient(_venue.Credentials, new BybitTradingOptions { Environment = _venue.Environment }))];
        Requests().GetAwaiter().GetResult(); // connections open, code warm
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (BybitTradingClient client in _clients)
        {
            client.Dispose();
        }

        _venue.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = 2 * PairsPerClient * 8)]
    public Task CreateAndCancel() => Requests();

    private async Task Requests()
    {
        // 8 × 64 pairs whatever the client count, so every run does the same work.
        int pairs = 8 * PairsPerClient / _clients.Length;
        await Task.WhenAll(_clients.Select(async client =>
        {
            for (int i = 0; i < pairs; i++)
            {
                string link = $"b-{Interlocked.Increment(ref _next)}";
                await client.PlaceOrderAsync(new BybitOrderRequest { Category = "linear", Symbol = "SIMUSDT", Side = Side.Buy, OrderType = BybitOrderType.Limit, Qty = 1, Price = 95m, OrderLinkId = link });
                await client.CancelOrderAsync(new BybitCancelRequest { Category = "linear", Symbol = "SIMUSDT", OrderLinkId = link });
            }
        }));
    }
}
