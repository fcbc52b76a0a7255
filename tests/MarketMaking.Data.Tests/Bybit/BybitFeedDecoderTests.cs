using System.Text;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Data.Tests.Bybit;

/// <summary>The public-stream decoder reads numbers from the message's bytes in place.</summary>
public class BybitFeedDecoderTests
{
    private static readonly Instrument Btc = new("BTCUSDT", 0.10, 0.001);

    [Fact]
    public void NumbersInStringsAreReadFromTheBytesAndEscapedOnesAreUnescapedFirst()
    {
        // "\u0036" is "6": JSON allows a string to spell a digit as an escape, so the price is 60000.5 either way.
        const string plain = """{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Sell","v":"0.002","p":"60000.5","i":"20f43950-d8dd-5b31-9112-a178eb6023af","seq":1783284617,"BT":false}]}""";
        string escaped = plain.Replace("\"p\":\"60000.5\"", "\"p\":\"\\u00360000.5\"", StringComparison.Ordinal);
        Assert.NotEqual(plain, escaped);

        foreach (string text in new[] { plain, escaped })
        {
            BybitFeedDecoder.Decoded decoded = new BybitFeedDecoder(Btc).Decode(Encoding.UTF8.GetBytes(text), 7);
            MarketEvent trade = Assert.Single(decoded.Events);
            Assert.Equal((MarketEventKind.Trade, Side.Sell, 600005L, 2L, 1783284617L, 7L), (trade.Kind, trade.Side, trade.Price, trade.Size, trade.Id, trade.LocalTime));
        }
    }

    [Fact]
    public void AnUnknownSideIsMalformed()
    {
        const string text = """{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":1,"s":"BTCUSDT","S":"Hold","v":"0.002","p":"60000.5","i":"1","seq":1,"BT":false}]}""";

        FormatException error = Assert.Throws<FormatException>(() => new BybitFeedDecoder(Btc).Decode(Encoding.UTF8.GetBytes(text), 0));
        Assert.Equal("unknown side 'Hold'", error.Message);
    }

    [Fact]
    public void ABookMessageDecodesTheSameWhateverTheOrderOfItsFields()
    {
        const string usual = """{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1687940967466,"data":{"s":"BTCUSDT","b":[["30247.20","30.028"],["30245.40","0"]],"a":[["30248.70","0"]],"u":177400507,"seq":66544703342},"cts":1687940967464}""";
        const string shuffled = """{"cts":1687940967464,"data":{"seq":66544703342,"u":177400507,"a":[["30248.70","0"]],"s":"BTCUSDT","b":[["30247.20","30.028"],["30245.40","0"]]},"ts":1687940967466,"type":"delta","topic":"orderbook.50.BTCUSDT"}""";
        var decoder = new BybitFeedDecoder(Btc);

        BybitFeedDecoder.Decoded first = decoder.Decode(Encoding.UTF8.GetBytes(usual), 3);
        BybitFeedDecoder.Decoded second = decoder.Decode(Encoding.UTF8.GetBytes(shuffled), 3);

        // Bids first, then asks, the last event closing the batch; 30247.20 is 302472 ticks of 0.1, 30.028 is 30028 lots of 0.001.
        var expected = new[]
        {
            new MarketEvent(1687940967466_000_000, 3, MarketEventKind.BookLevel, Side.Buy, 302472, 30028, 177400507, EventMarkers.None),
            new MarketEvent(1687940967466_000_000, 3, MarketEventKind.BookLevel, Side.Buy, 302454, 0, 177400507, EventMarkers.None),
            new MarketEvent(1687940967466_000_000, 3, MarketEventKind.BookLevel, Side.Sell, 302487, 0, 177400507, EventMarkers.EndOfBatch),
        };
        foreach (BybitFeedDecoder.Decoded decoded in new[] { first, second })
        {
            Assert.Equal((BybitFeedDecoder.DecodedKind.OrderBook, "orderbook.50.BTCUSDT", false, 177400507L), (decoded.Kind, decoded.Topic, decoded.IsSnapshot, decoded.UpdateId));
            Assert.Equal(expected, decoded.Events);
        }

        // The topic's text is kept from the first message, not made again.
        Assert.Same(first.Topic, second.Topic);
    }

    [Theory]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"b":[["1.0","1.0","2"]],"a":[],"u":1}}""", "a level must be [price, size]")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"b":[["1.0"]],"a":[],"u":1}}""", "a level must be [price, size]")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"b":[],"a":[["1.0","-1"]],"u":1}}""", "negative size -1")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"b":[],"a":[]}}""", "an order-book message needs type, data.u, data.b and data.a")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"full","ts":1,"data":{"b":[],"a":[],"u":1}}""", "unknown order-book message type 'full'")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":[{"b":[],"a":[],"u":1}]}""", "data must be a JSON object")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"b":[["NaN","1"]],"a":[],"u":1}}""", "'NaN' is not a finite number")]
    [InlineData("""{"topic":"publicTrade.BTCUSDT","ts":1,"data":[{"T":1,"S":"Buy","v":"1","i":"7"}]}""", "a trade needs S, p, v and i")]
    [InlineData("""{"topic":"tickers.BTCUSDT","ts":1,"data":{}}""", "unexpected topic 'tickers.BTCUSDT'")]
    [InlineData("""{"ts":1,"data":{}}""", "the message has no topic")]
    [InlineData("""[1]""", "a message must be a JSON object")]
    public void AMalformedMessageIsRefusedWithWhatIsWrong(string text, string error) =>
        Assert.Equal(error, Assert.Throws<FormatException>(() => new BybitFeedDecoder(Btc).Decode(Encoding.UTF8.GetBytes(text), 0)).Message);
}
