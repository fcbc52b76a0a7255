using MarketMaking.Core.Errors;

namespace MarketMaking.Research.Tests;

public class DurationsTests
{
    [Theory]
    [InlineData("250us", 250 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("5ms", 5 * TimeSpan.TicksPerMillisecond)]
    [InlineData("90s", 90 * TimeSpan.TicksPerSecond)]
    [InlineData("1h30m", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("2d", 2 * TimeSpan.TicksPerDay)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    public void ParsesEveryUnit(string text, long ticks) => Assert.Equal(TimeSpan.FromTicks(ticks), Durations.Parse("latency", text));

    [Theory]
    [InlineData(5 * TimeSpan.TicksPerMillisecond, "5ms")]
    [InlineData(100 * TimeSpan.TicksPerMillisecond, "100ms")]
    [InlineData(90 * TimeSpan.TicksPerSecond, "90s")]
    [InlineData(90 * TimeSpan.TicksPerMinute, "90m")]
    [InlineData(2 * TimeSpan.TicksPerHour, "2h")]
    [InlineData(3 * TimeSpan.TicksPerDay, "3d")]
    [InlineData(1500 * TimeSpan.TicksPerMicrosecond, "1500us")]
    [InlineData(0, "0ms")]
    public void FormatsInTheLargestWholeUnitAndParsesBack(long ticks, string text)
    {
        Assert.Equal(text, Durations.Format(TimeSpan.FromTicks(ticks)));
        Assert.Equal(TimeSpan.FromTicks(ticks), Durations.Parse("x", text, allowZero: true));
    }

    [Fact]
    public void ZeroIsRefusedUnlessAllowedAndTextIsNamed()
    {
        var zero = Assert.Throws<InvalidParameterException>(() => Durations.Parse("train", "0s"));
        Assert.Equal("train", zero.Parameter);
        Assert.Equal(TimeSpan.Zero, Durations.Parse("calibrate", "0s", allowZero: true));
        var bad = Assert.Throws<InvalidParameterException>(() => Durations.Parse("latency", "fast"));
        Assert.Contains("'fast' is not a duration", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NanosecondsOfATimeSpan() => Assert.Equal(5_000_000L, Durations.Nanoseconds(TimeSpan.FromMilliseconds(5)));
}
