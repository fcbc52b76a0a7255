using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Research.Judging;
using MarketMaking.Research.Replay;

namespace MarketMaking.Research.Tests.Judging;

public class TradingDayScheduleTests
{
    private static readonly DateOnly Summer = new(2012, 6, 21); // New York on UTC−4

    [Fact]
    public void TheAfternoonIsEightHalfHoursOnTheNewYorkClock()
    {
        TradingDaySchedule day = TradingDaySchedule.For(Summer, new(9, 30), new(12, 0), new(16, 0), TimeSpan.FromMinutes(30));

        Assert.Equal(Utc(2012, 6, 21, 13, 30), day.Open);
        Assert.Equal(Utc(2012, 6, 21, 16, 0), day.Split);
        Assert.Equal(8, day.Blocks.Count);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(Utc(2012, 6, 21, 16, 0) + (i * HalfHour), day.Blocks[i].From);
            Assert.Equal(day.Blocks[i].From + HalfHour, day.Blocks[i].To);
        }

        Assert.Equal(Utc(2012, 6, 21, 20, 0), day.Blocks[^1].To);
        Assert.Equal("15:30–16:00", day.Blocks[^1].Label);

        // In winter New York is on UTC−5: noon is 17:00 UTC.
        Assert.Equal(Utc(2024, 1, 2, 17, 0), TradingDaySchedule.For(new DateOnly(2024, 1, 2), new(9, 30), new(12, 0), new(16, 0), TimeSpan.FromHours(1)).Split);
    }

    [Fact]
    public void EventsFallIntoBlocksAtExactBoundaries()
    {
        long open = Utc(2012, 6, 21, 13, 30), noon = Utc(2012, 6, 21, 16, 0);
        long[] times = [open - 1, open, noon - 1, noon, noon + HalfHour - 1, noon + HalfHour, noon + (8 * HalfHour) - 1, noon + (8 * HalfHour)];
        ReplayEvents events = Events(times);
        TradingDaySchedule day = TradingDaySchedule.For(NewYorkDay(events), new(9, 30), new(12, 0), new(16, 0), TimeSpan.FromMinutes(30));

        Assert.Equal([null, null, null, 0, 0, 1, 7, null], times.Select(t => day.BlockOf(t)?.Index));

        // The morning stream starts at 09:30 and ends before noon: the event at the open and the one a nanosecond before noon.
        using IMarketEventSource morning = events.Source(day.Open, day.Split);
        var buffer = new MarketEvent[16];
        Assert.Equal(2, morning.Read(buffer));
        Assert.Equal([open, noon - 1], buffer[..2].Select(e => e.LocalTime));
        Assert.Equal(0, morning.Read(buffer));

        // Blocks 2 to 6 hold no message: the judge refuses the day, naming the first.
        var error = Assert.Throws<InvalidParameterException>(() => DayJudge.Schedule(events, new DayJudgeSettings()));
        Assert.Equal("block", error.Parameter);
        Assert.Contains("13:00–13:30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlocksMustTileTheAfternoon()
    {
        Assert.Equal("block", Assert.Throws<InvalidParameterException>(() => TradingDaySchedule.For(Summer, new(9, 30), new(12, 0), new(16, 0), TimeSpan.FromMinutes(7))).Parameter);
        Assert.Equal("split", Assert.Throws<InvalidParameterException>(() => TradingDaySchedule.For(Summer, new(9, 30), new(16, 0), new(12, 0), TimeSpan.FromMinutes(30))).Parameter);
    }

    private static long HalfHour => 30L * 60 * 1_000_000_000;

    private static DateOnly NewYorkDay(ReplayEvents events) => Data.Files.NewYorkClock.DayOf(events.First);

    private static long Utc(int year, int month, int day, int hour, int minute) =>
        (new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>One trade per time, each a whole message.</summary>
    private static ReplayEvents Events(long[] times) => ReplayEvents.Of(
        [.. times.Select((t, i) => new MarketEvent(t, t, MarketEventKind.Trade, Side.Buy, 100, 1, i, EventMarkers.EndOfBatch))],
        new Instrument("TEST", 0.01, 1, 0, 0));
}
