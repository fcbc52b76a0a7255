using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MarketMaking.Data.Bybit.Trading;
using MarketMaking.Data.Bybit.Trading.Json;

namespace MarketMaking.Benchmarks;

/// <summary>
/// Decoding one private-stream push (Bybit's documented order and execution examples): the
/// one-pass reader the stream uses against the source-generated serializer it replaced.
/// </summary>
[MemoryDiagnoser]
public class PrivateDecoderBenchmarks
{
    private static readonly BybitTradingJsonContext Json = BybitTradingJsonContext.Default;
    private byte[] _order = [];
    private byte[] _execution = [];

    [GlobalSetup]
    public void Setup()
    {
        string examples = Path.Combine(AppContext.BaseDirectory, "Examples");
        _order = File.ReadAllBytes(Path.Combine(examples, "ws-order.json"));
        _execution = File.ReadAllBytes(Path.Combine(examples, "ws-execution.json"));
    }

    [Benchmark(Baseline = true)]
    public int OrderBySerializer() => JsonSerializer.Deserialize(_order, Json.BybitStreamMessageBybitOrder)!.Data.Count;

    [Benchmark]
    public int Order() => BybitPrivateDecoder.Orders(_order).Data.Count;

    [Benchmark]
    public int ExecutionBySerializer() => JsonSerializer.Deserialize(_execution, Json.BybitStreamMessageBybitExecution)!.Data.Count;

    [Benchmark]
    public int Execution() => BybitPrivateDecoder.Executions(_execution).Data.Count;
}
