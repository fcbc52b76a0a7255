using System.Net;
using BenchmarkDotNet.Attributes;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;
using MarketMaking.Data.Bybit.Trading;

namespace MarketMaking.Benchmarks;

/// <summary>
/// The trading client's own cost per order, without a network: the request body, its HMAC signature,
/// the HTTP request and the stack down to a handler that answers at once with Bybit's create reply,
/// then the reply's parsing. The part of tick-to-order that the client owns, measured warm.
/// </summary>
[MemoryDiagnoser]
public class OrderRequestBenchmarks : IDisposable
{
    private static readonly byte[] Reply = """{"retCode":0,"retMsg":"OK","result":{"orderId":"1321003749386327552","orderLinkId":"mm-1"},"retExtInfo":{},"time":1672211918471}"""u8.ToArray();

    private BybitTradingClient _client = null!;
    private long _next;

    [GlobalCleanup]
    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [GlobalSetup]
    public void Setup()
    {
        var http = new HttpClient(new AnsweringHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new BybitTradingClient(new BybitCredentials("key", "secret"), new BybitTradingOptions { Environment = BybitEnvironment.Local(new Uri("http://127.0.0.1:1")) }, http);
    }

    [Benchmark]
    public async Task<string> PlaceOrder()
    {
        BybitReply<BybitOrderAck> reply = await _client.PlaceOrderAsync(new BybitOrderRequest
        {
            Category = "linear",
            Symbol = "SIMUSDT",
            Side = Side.Buy,
            OrderType = BybitOrderType.Limit,
            Qty = 0.001m,
            Price = 100.1m,
            TimeInForce = BybitTimeInForce.PostOnly,
            OrderLinkId = "mm-" + _next++,
        }).ConfigureAwait(false);
        return reply.Result.OrderId;
    }

    /// <summary>Answers every request with the same reply, as a venue would, without a socket.</summary>
    private sealed class AnsweringHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ReadOnlyMemoryContent(Reply) });
    }
}
