using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>A venue that goes away is said once, then every 5 s while it is gone, then once when it is back.</summary>
public class VenueOutageTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void TheVenueIsLostWithItsFirstConnectionReportedEveryFiveSecondsAndBackWithItsLast()
    {
        var outage = new VenueOutage("local");
        Assert.Null(outage.Report(1 * Second)); // reachable: nothing to say
        Assert.Null(outage.Restore(privateStream: true, 1 * Second)); // the private stream's first "up"

        Assert.Equal("local lost: public stream down (connection reset)", outage.Lose(privateStream: false, "connection reset", 1 * Second));
        Assert.Null(outage.Lose(privateStream: true, "connection reset", 2 * Second)); // lost already
        Assert.Null(outage.Report(5 * Second + (Second * 9 / 10)));
        Assert.Equal("local unreachable for 5 s, retrying", outage.Report(6 * Second));
        Assert.Null(outage.Report(10 * Second));
        Assert.Equal("local unreachable for 10 s, retrying", outage.Report(11 * Second + (Second / 2)));

        Assert.Null(outage.Restore(privateStream: false, 12 * Second)); // the private stream is still down
        Assert.True(outage.IsLost);
        Assert.Equal("local back after 12.4 s", outage.Restore(privateStream: true, 13 * Second + (Second * 4 / 10)));
        Assert.False(outage.IsLost);
        Assert.Null(outage.Report(20 * Second));
    }

    [Fact]
    public async Task ASessionWhoseVenueIsGoneSaysSoToTheJournalTheMonitorAndItsListenerUntilItIsBack()
    {
        var clock = new ShiftedClock();
        using var harness = new SessionHarness(messages: 6000, time: clock);
        var lines = new List<string>();
        harness.Session.Reachability = line =>
        {
            lock (lines)
            {
                lines.Add(line);
            }
        };
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        harness.Venue.CutPrivateStream();
        await harness.FaultAsync("stream-down");

        // Twelve seconds later, without waiting them: the next timer tick says how long.
        clock.Advance(TimeSpan.FromSeconds(12));
        await UntilAsync(() => harness.Session.Monitor.Latest?.RecentEvents.Any(e => e.Kind == "venue-unreachable") == true);
        harness.Venue.RestorePrivateStream();
        await UntilAsync(() => harness.Session.Monitor.Latest?.RecentEvents.Any(e => e.Kind == "venue-back") == true);
        harness.Session.RequestStop();
        await running;

        string[] said;
        lock (lines)
        {
            said = [.. lines];
        }

        Assert.Equal(3, said.Length);
        Assert.Equal("fake lost: private stream down (cut by the test)", said[0]);
        Assert.Equal("fake unreachable for 12 s, retrying", said[1]);
        Assert.Matches(@"^fake back after 12(\.\d)? s$", said[2]);
        string[] kinds = ["venue-lost", "venue-unreachable", "venue-back"];
        Assert.Equal(said, kinds.Select(k => Assert.Single(harness.Events(k)).Detail));
        JournalEvent[] journaled = [.. kinds.Select(k => harness.Events(k)[0])];
        Assert.True(journaled[0].Id < journaled[1].Id && journaled[1].Id < journaled[2].Id, "in the order they happened");
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "not seen within 10 s");
            await Task.Delay(10);
        }
    }
}
