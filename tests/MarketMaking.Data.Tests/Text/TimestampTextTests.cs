using System.Text;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Tests.Text;

public class TimestampTextTests
{
    private const long Expected = 1_640_991_660_000_000_000; // 2021-12-31 23:01:00 UTC

    [Theory]
    [InlineData("2021-12-31 23:01:00.000000")]
    [InlineData("2021-12-31T23:01:00Z")]
    [InlineData("2021-12-31T23:01:00")]
    [InlineData("2021-12-31 23:01")]
    [InlineData("2022-01-01T00:01:00+01:00")]
    [InlineData("1640991660")]
    [InlineData("1640991660.0")]
    [InlineData("1640991660000")]
    [InlineData("1640991660000000")]
    [InlineData("1640991660000000000")]
    public void EveryFormOfTheSameMinuteGivesTheSameNanoseconds(string text)
    {
        Assert.True(TimestampText.TryParse(Encoding.ASCII.GetBytes(text), out long ns));
        Assert.Equal(Expected, ns);
    }

    [Fact]
    public void FractionsKeepTheirPrecision()
    {
        Assert.True(TimestampText.TryParse("2021-12-31 23:01:00.123456789"u8, out long ns));
        Assert.Equal(Expected + 123_456_789, ns);
        Assert.True(TimestampText.TryParse("1585180700.0647"u8, out ns));
        Assert.Equal(1_585_180_700_064_700_000, ns);
    }

    [Theory]
    [InlineData("2021-13-01 00:00:00")]
    [InlineData("2021-02-30")]
    [InlineData("2021-12-31 25:00")]
    [InlineData("yesterday")]
    [InlineData("2021-12-31X")]
    public void RejectsWhatIsNotATime(string text) =>
        Assert.False(TimestampText.TryParse(Encoding.ASCII.GetBytes(text), out _));
}
