using System.Net;
using MarketMaking.Core.Errors;

namespace MarketMaking.Dashboard.Tests;

public class ListenAndTokenTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [InlineData("localhost:9100", "127.0.0.1", 9100, true)]
    [InlineData(":0", "127.0.0.1", 0, true)]
    [InlineData("[::1]:8080", "::1", 8080, true)]
    [InlineData("0.0.0.0:8080", "0.0.0.0", 8080, false)]
    public void ListenAddressesParseAndSayWhetherOnlyThisMachineReachesThem(string text, string address, int port, bool loopback)
    {
        ListenAddress parsed = ListenAddress.Parse(text);
        Assert.Equal(IPAddress.Parse(address), parsed.Address);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(loopback, parsed.IsLoopback);
    }

    [Theory]
    [InlineData("8080", "expected HOST:PORT")]
    [InlineData("127.0.0.1:http", "expected HOST:PORT")]
    [InlineData("127.0.0.1:70000", "expected HOST:PORT")]
    [InlineData("example.org:80", "'example.org' is not an IP address or localhost")]
    public void BadAddressesAreOneLineNamingTheOption(string text, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => ListenAddress.Parse(text));
        Assert.Contains("dashboard", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokensAre128BitsOfHexDifferentEachTimeAndMatchOnlyThemselves()
    {
        string a = ActionToken.New();
        string b = ActionToken.New();
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.NotEqual(a, b);
        Assert.True(ActionToken.Matches(a, a));
        Assert.False(ActionToken.Matches(a, b));
        Assert.False(ActionToken.Matches(a, null));
        Assert.False(ActionToken.Matches(a, a[..31]));
    }
}
