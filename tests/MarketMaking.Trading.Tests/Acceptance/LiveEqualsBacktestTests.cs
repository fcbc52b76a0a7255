using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Files;
using MarketMaking.Simulation.Engine;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Replay;
using MarketMaking.Strategies.Models;
using MarketMaking.Trading.Bybit;
using MarketMaking.Trading.Journal;
using MarketMaking.Trading.Orders;
using MarketMaking.Trading.Session;
using MarketMaking.Venue;
using MarketMaking.Venue.Markets;
using Xunit.Abstractions;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>
/// Acceptance 2: the local venue replays the BTCUSDT sample ten times faster than real time, a
/// session trades it with a fixed spread, and the backtest replays the same file with the same
/// strategy, settings and (zero) latency from the moment the session started quoting.
/// </summary>
public class LiveEqualsBacktestTests(ITestOutputHelper output)
{
    private const double Speed = 10;
    private const double SpreadBps = 4;
    private const double Tolerance = 10; // USD: an order within 10 of the wanted price stays (1,000 ticks of 0.01)
    private const double MaxPosition = 0.001; // one lot: after a fill only the other side quotes

    [SharedDataFact]
    public async Task TheSessionsFillsAreTheBacktestsWithinTheDifferenceWallClockTimingExplains()
    {
        string path = SharedData.BinanceUsdm;
        (MarketEvent[] events, Instrument instrument) = ReplayVenueMarket.Read(MarketDataFormats.Open(path, "binance-usdm"));
        var market = new ReplayVenueMarket(events, instrument, new RiskAverseQueueModel());

        // Rate limits scaled with the speed: at ten times real time a venue second holds ten seconds of data.
        await using LocalVenue local = await LocalVenue.StartAsync(market, new VenueSettings { Symbol = "BTCUSDT", Speed = Speed, MakerFeeRate = 0, TakerFeeRate = 0, RateLimits = new VenueRateLimits { Scale = Speed } });
        using var journal = new TempJournal();
        await using var venue = new BybitVenue(local.Environment, local.Credentials);
        var run = new RunSettings { RefreshTolerance = Tolerance, Risk = new RiskLimits { MaxPosition = MaxPosition } };
        var settings = new SessionSettings
        {
            Symbol = "BTCUSDT",
            StrategyName = "fixed",
            JournalPath = journal.Path,
            Run = run,
            RequoteInterval = TimeSpan.Zero, // a decision on every message, as the backtest's --requote-interval 0s
            RateLimits = new Dictionary<VenueEndpoint, int> { [VenueEndpoint.Create] = 80, [VenueEndpoint.Amend] = 80, [VenueEndpoint.Cancel] = 80, [VenueEndpoint.CancelAll] = 40, [VenueEndpoint.Query] = 200 },
        };
        long startedAt = -1;
        var session = new TradingSession(venue, settings, i => new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps, 20, i.LotSize))) { Started = () => startedAt = market.Replayed };
        Task<SessionResult> running = session.RunAsync();
        while (!market.IsFinished)
        {
            await Task.Delay(100);
        }

        session.RequestStop();
        SessionResult result = await running;
        List<(Side Side, decimal Price)> live = [.. JournalReader.Fills(journal.Path).Select(f => (f.Side, f.Price))];

        // The backtest of the same file from the same moment: mm backtest's replay, deciding on every message.
        var fills = new List<Fill>();
        var replay = new ReplayMarket(MarketDataFormats.Open(path, "binance-usdm"), new ReplaySettings { RequoteInterval = 0, StartAfter = events[startedAt].LocalTime - events[0].LocalTime });
        EventLoop.Run(replay, new FixedSpreadStrategy(new FixedSpreadParameters(SpreadBps, 20, instrument.LotSize)), run with { Observer = new FillRecorder(fills) });
        List<(Side Side, decimal Price)> backtest = [.. fills.Select(f => (f.Side, instrument.ToTicks(f.Price) * (decimal)instrument.TickSize))];

        int same = Matched(backtest, live, 0m);
        int close = Matched(backtest, live, 15m);
        output.WriteLine($"backtest {backtest.Count} fills, live {live.Count}; the same fill (side and price) {same}; same side within 15 USD {close}");
        output.WriteLine($"backtest: {string.Join(" ", backtest.Select(f => $"{f.Side}@{f.Price}"))}");
        output.WriteLine($"live:     {string.Join(" ", live.Select(f => $"{f.Side}@{f.Price}"))}");

        // Why they differ, and by how much. The fill rules are the same code (the venue's replay
        // keeps our orders in the backtest's ShadowExchange), so what differs is when decisions
        // happen and what they see:
        // - the backtest decides on every recorded message as received; the session decides on
        //   every message the venue publishes, which reaches it a few milliseconds of wall clock
        //   (tens of milliseconds of data at ten times real time) after the venue applied it, and
        //   the venue's clock steps the recording in wall-clock slices, so a quote that has drifted
        //   past the refresh tolerance is re-centred on a slightly different mid: the same fill at a
        //   price a little apart (the tolerance, 10, plus the mid's move in that delay: within 15);
        // - a re-centred quote that lands a moment earlier or later can catch or miss a print, and
        //   after a fill the position limit switches a side off: a fill more or less shifts the rest.
        // Bounds (from repeated runs on this 2-core machine: 62–86% paired, counts within 27%): the
        // counts within 40% of each other and at least 55% of the fills paired, in order, on the
        // same side within 15 USD.
        Assert.True(backtest.Count >= 20, $"only {backtest.Count} backtest fills: the comparison needs more");
        Assert.InRange(live.Count, (int)(backtest.Count * 0.6), (int)Math.Ceiling(backtest.Count * 1.4));
        Assert.True(close >= 0.55 * Math.Max(backtest.Count, live.Count), $"{close} of {Math.Max(backtest.Count, live.Count)} fills paired");

        // And the session's own books agree with the venue's.
        Assert.Equal(0, result.OrdersOpenAtEnd);
        Assert.Equal(result.VenuePosition, result.Position);
        Assert.Equal(result.VenueCash, result.Cash);
    }

    /// <summary>The longest run of fills in both sequences, in order, with the same side and prices at most <paramref name="within"/> apart.</summary>
    private static int Matched(List<(Side Side, decimal Price)> a, List<(Side Side, decimal Price)> b, decimal within)
    {
        var row = new int[b.Count + 1];
        for (int i = 1; i <= a.Count; i++)
        {
            int diagonal = 0;
            for (int j = 1; j <= b.Count; j++)
            {
                int above = row[j];
                bool match = a[i - 1].Side == b[j - 1].Side && Math.Abs(a[i - 1].Price - b[j - 1].Price) <= within;
                row[j] = match ? diagonal + 1 : Math.Max(row[j], row[j - 1]);
                diagonal = above;
            }
        }

        return row[b.Count];
    }

    private sealed class FillRecorder(List<Fill> fills) : IRunObserver
    {
        public void OnFill(in Fill fill, IMarket market) => fills.Add(fill);

        public void OnMark(IMarket market, double position)
        {
        }
    }
}
