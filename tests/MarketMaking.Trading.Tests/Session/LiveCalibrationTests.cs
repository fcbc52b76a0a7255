using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Bybit;
using MarketMaking.Signals.Calibration;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Session;

namespace MarketMaking.Trading.Tests.Session;

/// <summary>
/// A session with a calibration window watches the market without quoting, calibrates σ, A, κ on
/// the window's book and trades (cut at the first event received after it, as a replay of a
/// recording of the feed cuts its first --calibrate seconds), builds its strategy on them and quotes.
/// </summary>
public class LiveCalibrationTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TheStrategyIsBuiltOnTheWindowsCalibrationAndNothingIsQuotedBefore()
    {
        var built = new List<CalibrationResult?>();
        using var harness = new SessionHarness(messages: 1000, settings: s => s with { CalibrationWindow = Window });
        var session = new TradingSession(harness.Venue, harness.Settings, (_, fitted) =>
        {
            built.Add(fitted);
            return new TouchStrategy(0.01);
        });
        Task<SessionResult> running = session.RunAsync();
        await harness.PlayedAsync(1000).WaitAsync(TimeSpan.FromSeconds(60));
        session.RequestStop();
        SessionResult result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        // The same calibration from the script's events alone: 10 ms apart, so the first 5 s.
        CalibrationResult expected = Calibrate(harness.Data.Messages, Window).InPriceUnits(ScriptedMarketData.Instrument.Instrument.TickSize);
        Assert.Equal(2, built.Count);
        Assert.Null(built[0]); // the stand-in, on the values given
        CalibrationResult used = built[1]!;
        Assert.Equal((expected.Sigma, expected.A, expected.Kappa, expected.Intensity.Arrivals), (used.Sigma, used.A, used.Kappa, used.Intensity.Arrivals));
        JournalEvent calibrated = Assert.Single(harness.Events("calibrated"));
        Assert.Equal($"first 5 s: {expected.Describe()}", calibrated.Detail);

        // Quoting began only after it, and did begin.
        IReadOnlyList<JournalEvent> requests = harness.Events("request");
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.Id > calibrated.Id, $"request {r.Detail} before the calibration"));
        Assert.Equal(0, result.OrdersOpenAtEnd);
    }

    [Fact]
    public async Task AWindowWithoutTradesStopsTheSessionWithWhatToDo()
    {
        // The script moves a bid and never trades: A and κ cannot be fitted.
        using var harness = new SessionHarness(script: ScriptedMarketData.InsideBid(800, new Dictionary<int, long>()), settings: s => s with { CalibrationWindow = Window });
        TradingException error = await Assert.ThrowsAsync<TradingException>(() => harness.Session.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.StartsWith("calibration on the first 5 s of the live market failed: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; give a longer --calibrate, or --sigma, --A and --kappa", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Events("fault"), e => e.Detail.StartsWith("calibration-failed: ", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Events("request"), r => !r.Detail.StartsWith("cancel-all", StringComparison.Ordinal));
    }

    /// <summary>σ, A, κ (ticks) from the messages' events received within <paramref name="window"/> of the first.</summary>
    private static CalibrationResult Calibrate(IEnumerable<BybitFeedMessage> messages, TimeSpan window)
    {
        MarketCalibrator calibrator = MarketCalibrator.ForTicks();
        MarketEvent[] events = [.. messages.SelectMany(m => m.Events)];
        long end = events[0].LocalTime + (window.Ticks * TimeSpan.NanosecondsPerTick);
        foreach (MarketEvent e in events.TakeWhile(e => e.LocalTime < end))
        {
            calibrator.Update(e);
        }

        return calibrator.Calibrate();
    }
}
