using MarketMaking.Core.MarketData;

namespace MarketMaking.Core.Tests.MarketData;

public class TimeTextTests
{
    [Theory]
    [InlineData(1_340_274_600_123_000_000L, "2012-06-21 10:30:00.123")]
    [InlineData(1_340_274_600_000_000_000L, "2012-06-21 10:30:00")]
    [InlineData(1_723_161_255_088_176_367L, "2024-08-08 23:54:15.088176367")]
    [InlineData(-1L, "1969-12-31 23:59:59.999999999")]
    public void AnInstantIsADateAndTimeWithTheFractionItHas(long nanoseconds, string expected) =>
        Assert.Equal(expected, TimeText.Instant(nanoseconds));

    [Theory]
    [InlineData(37_800_123_000_000L, "10:30:00.123")]
    [InlineData(34_200_000_000_000L, "09:30:00")]
    public void ATimeOfDayIsWallClock(long nanoseconds, string expected) =>
        Assert.Equal(expected, TimeText.TimeOfDay(nanoseconds));

    [Theory]
    [InlineData(31 * 86_400 + (6 * 3600) + (30 * 60), 0, "31 d 6 h 30 m")]
    [InlineData(12, 500, "12.5 s")]
    [InlineData(4 * 60 + 44, 250, "4 m 44.25 s")]
    [InlineData(3600, 0, "1 h")]
    [InlineData(0, 250, "250 ms")]
    [InlineData(0, 0, "0 ms")]
    public void ADurationIsItsNonzeroUnits(int seconds, int milliseconds, string expected) =>
        Assert.Equal(expected, TimeText.Duration(TimeSpan.FromSeconds(seconds) + TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void ADurationIsRoundedToTheMillisecondBeforeItIsSplit() =>
        Assert.Equal("1 m", TimeText.Duration(TimeSpan.FromTicks(599_996_000)));
}
