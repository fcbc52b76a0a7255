using System.Diagnostics;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;
using MarketMaking.Trading.Venues;

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
        await SessionHarness.UntilAsync(() => harness.Session.Monitor.Latest?.RecentEvents.Any(e => e.Kind == "venue-unreachable") == true);
        harness.Venue.RestorePrivateStream();
        await SessionHarness.UntilAsync(() => harness.Session.Monitor.Latest?.RecentEvents.Any(e => e.Kind == "venue-back") == true);
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

    [Fact]
    public async Task UnansweredCancelsBackOffWhileTheVenueIsGoneAreReportedOnceEachAndGoOutWhenItIsBack()
    {
        using var harness = new SessionHarness(messages: 60000);
        Task<SessionResult> running = harness.Session.RunAsync();
        await harness.PlayedAsync(300);
        await SessionHarness.UntilAsync(() => harness.Venue.Inner.AccountAsync(0, default).Result.OpenOrders > 0);

        harness.Venue.Unreachable = true;
        harness.Venue.CutPrivateStream();
        harness.Session.Pause(); // every order cancelled: the cancels and the cancel-all come back unanswered
        await SessionHarness.UntilAsync(() => !harness.Venue.Unanswered.IsEmpty);

        // Rounds of retries wait 0.125, 0.25, 0.5, 1, 2 s after the one before: within 3.5 s of the first
        // send (rounds at ≥ 0.125, 0.375, 0.875, 1.875 s; the next at ≥ 3.875 s) each request went at most
        // 1 + 4 times. Retried on every 50 ms timer tick, it went about 70 times. A load that delays the
        // session only makes rounds later: wait for a send past the window, not for a time.
        long first = harness.Venue.Unanswered.First().At;
        await SessionHarness.UntilAsync(() => harness.Venue.Unanswered.Any(u => Stopwatch.GetElapsedTime(first, u.At) >= TimeSpan.FromSeconds(3.5)));
        (OrderCommandKind Kind, string LinkId, long At)[] unanswered = [.. harness.Venue.Unanswered];
        int requests = unanswered.Select(u => (u.Kind, u.LinkId)).Distinct().Count();
        Assert.Contains(unanswered, u => u.Kind == OrderCommandKind.Cancel);
        Assert.True(unanswered.Length > requests, "retried while the venue was unreachable");
        foreach (var request in unanswered.Where(u => Stopwatch.GetElapsedTime(first, u.At) < TimeSpan.FromSeconds(3.5)).GroupBy(u => (u.Kind, u.LinkId)))
        {
            // Per request: a pause while the private stream was down cancelled everything twice, and both cancel-alls went in every round.
            Assert.True(request.Count() <= 5, $"{request.Key.Kind} {request.Key.LinkId} sent {request.Count()} times within 3.5 s");
        }

        harness.Venue.Unreachable = false;
        harness.Venue.RestorePrivateStream();
        await harness.NoOrderOpenAsync(TimeSpan.FromSeconds(30)); // the cancels went out once it was back
        harness.Session.RequestStop();
        await running;

        // One fault per request and outage; the other retries summed up in one line when the venue answered.
        int sent = harness.Venue.Unanswered.Count;
        string[] faults = [.. harness.Events("fault").Select(e => e.Detail).Where(d => d.StartsWith("request-unknown:", StringComparison.Ordinal))];
        Assert.Equal(requests + 1, faults.Length);
        Assert.Equal($"request-unknown: {sent - requests} more retries left unanswered while the venue was unreachable", faults[^1]);
        Assert.Equal(sent, harness.Events("reply").Count(e => e.Detail.EndsWith(" Unknown 0 timed out", StringComparison.Ordinal))); // a reply row per send, no more
    }
}
