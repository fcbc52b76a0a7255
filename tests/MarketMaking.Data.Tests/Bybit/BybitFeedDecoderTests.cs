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
}
