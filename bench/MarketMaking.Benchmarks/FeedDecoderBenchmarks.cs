using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MarketMaking.Core.Instruments;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Benchmarks;

/// <summary>
/// Decoding one public-stream message, the first step of tick-to-order: an order-book delta of
/// <see cref="Levels"/> levels a side (Bybit's documented shape) and a trade message.
/// </summary>
[MemoryDiagnoser]
public class FeedDecoderBenchmarks
{
    private readonly BybitFeedDecoder _decoder = new(new Instrument("BTCUSDT", 0.10, 0.001));
    private byte[] _delta = [];
    private byte[] _trades = [];

    [Params(5, 25)]
    public int Levels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string Side(int sign) => string.Join(',', Enumerable.Range(0, Levels).Select(i => string.Create(CultureInfo.InvariantCulture, $"[\"{60000.5 + (sign * i * 0.1):F1}\",\"{0.001 * (i + 1):F3}\"]")));
        _delta = Encoding.UTF8.GetBytes($$"""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[{{Side(-1)}}],"a":[{{Side(1)}}],"u":177400507,"seq":66544703342},"cts":1687940967464}""");
        _trades = """{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Sell","v":"0.002","p":"60000.5","L":"MinusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false,"seq":1783284617},{"T":1672304486865,"s":"BTCUSDT","S":"Buy","v":"0.010","p":"60000.6","L":"PlusTick","i":"30f43950-d8dd-5b31-9112-a178eb6023af","BT":false,"seq":1783284618}]}"""u8.ToArray();
    }

    [Benchmark]
    public int Delta() => _decoder.Decode(_delta, 1).Events.Count;

    [Benchmark]
    public int Trades() => _decoder.Decode(_trades, 1).Events.Count;
}
