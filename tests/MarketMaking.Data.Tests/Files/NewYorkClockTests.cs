using MarketMaking.Data.Files;

namespace MarketMaking.Data.Tests.Files;

public class NewYorkClockTests
{
    [Fact]
    public void TheOpenIsThirteenThirtyUtcInSummerAndFourteenThirtyInWinter()
    {
        // 09:30 New York = 34,200,000 ms after midnight.
        Assert.Equal(UtcNanos(2012, 6, 21, 13, 30), NewYorkClock.ToUtcNanos(new DateOnly(2012, 6, 21), 34_200_000));
        Assert.Equal(UtcNanos(2024, 1, 2, 14, 30), NewYorkClock.ToUtcNanos(new DateOnly(2024, 1, 2), 34_200_000));
    }

    [Fact]
    public void TheDayOfAnInstantIsNewYorksCalendarDay()
    {
        Assert.Equal(new DateOnly(2012, 6, 21), NewYorkClock.DayOf(UtcNanos(2012, 6, 21, 13, 30)));
        Assert.Equal(new DateOnly(2012, 6, 21), NewYorkClock.DayOf(UtcNanos(2012, 6, 22, 3, 59))); // 23:59 in New York
        Assert.Equal(new DateOnly(2012, 6, 22), NewYorkClock.DayOf(UtcNanos(2012, 6, 22, 4, 0)));
        Assert.Equal(new DateOnly(2024, 1, 2), NewYorkClock.DayOf(UtcNanos(2024, 1, 3, 4, 59))); // UTC−5 in winter
        Assert.Equal(NewYorkClock.ToUtcNanos(new DateOnly(2012, 6, 21), 43_200_000), NewYorkClock.ToUtcNanos(new DateOnly(2012, 6, 21), new TimeOnly(12, 0)));
    }

    [Theory]
    [InlineData(2024, 3, 8, -5)]
    [InlineData(2024, 3, 11, -4)] // the Monday after the second Sunday of March: daylight time, though still March
    [InlineData(2024, 11, 1, -4)] // the Friday before the first Sunday of November: still daylight time
    [InlineData(2024, 11, 4, -5)]
    [InlineData(2021, 3, 15, -4)]
    [InlineData(2021, 11, 5, -4)]
    [InlineData(2021, 11, 8, -5)]
    public void TheRuleWithoutATimeZoneDatabaseSwitchesOnTheSecondSundayOfMarchAndTheFirstOfNovember(int year, int month, int day, int hours)
    {
        Assert.Equal(TimeSpan.FromHours(hours), NewYorkClock.RuleOffset(new DateTime(year, month, day, 9, 30, 0, DateTimeKind.Unspecified)));
        Assert.True(NewYorkClock.HasFixedOffset(new DateOnly(year, month, day)));
    }

    [Fact]
    public void TheRuleSwitchesAtTwoInTheMorningOfTheChangeSundays()
    {
        // 2024: second Sunday of March the 10th, first Sunday of November the 3rd.
        Assert.Equal(TimeSpan.FromHours(-5), NewYorkClock.RuleOffset(new DateTime(2024, 3, 10, 1, 59, 0, DateTimeKind.Unspecified)));
        Assert.Equal(TimeSpan.FromHours(-4), NewYorkClock.RuleOffset(new DateTime(2024, 3, 10, 3, 0, 0, DateTimeKind.Unspecified)));
        Assert.Equal(TimeSpan.FromHours(-4), NewYorkClock.RuleOffset(new DateTime(2024, 11, 3, 0, 59, 0, DateTimeKind.Unspecified)));
        Assert.Equal(TimeSpan.FromHours(-5), NewYorkClock.RuleOffset(new DateTime(2024, 11, 3, 2, 0, 0, DateTimeKind.Unspecified)));
        Assert.False(NewYorkClock.HasFixedOffset(new DateOnly(2024, 3, 10)));
        Assert.False(NewYorkClock.HasFixedOffset(new DateOnly(2024, 11, 3)));
    }

    [Fact]
    public void TheRuleAgreesWithTheTimeZoneDatabaseAtEveryNoonFrom2007To2030()
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }
        catch (TimeZoneNotFoundException)
        {
            return; // no database to compare with: the hand-counted dates above still check the rule
        }

        for (var day = new DateTime(2007, 1, 1, 12, 0, 0, DateTimeKind.Unspecified); day.Year <= 2030; day = day.AddDays(1))
        {
            Assert.Equal(zone.GetUtcOffset(day), NewYorkClock.RuleOffset(day));
        }
    }

    private static long UtcNanos(int year, int month, int day, int hour, int minute) =>
        (new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;
}
