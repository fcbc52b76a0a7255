using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Matching;
using MarketMaking.Venue.Markets;

namespace MarketMaking.Venue.Tests;

/// <summary>The replay as the venue's market: the recording on the venue's clock, the clients' orders in the backtest's shadow queues.</summary>
public sealed class ReplayVenueMarketTests
{
    private static readonly Instrument Ticks = new("TEST", 1, 1);

    [Fact]
    public void EventsArriveWhenTheClockReachesTheirReceiveTime()
    {
        var market = new ReplayVenueMarket(Script(), Ticks, new RiskAverseQueueModel());

        market.AdvanceTo(0.5);
        Assert.Equal((100L, 101L), (market.Book.Best(Side.Buy).Price, market.Book.Best(Side.Sell).Price));
        Assert.Equal(3, market.Replayed);

        market.AdvanceTo(2.5);
        Assert.Equal(5, market.Replayed);
        Assert.True(market.IsFinished);
    }

    [Fact]
    public void ARestingBidJoinsBehindTheLevelAndFillsAsTheRiskAverseQueueSays()
    {
        var market = new ReplayVenueMarket(Script(), Ticks, new RiskAverseQueueModel());
        var sink = new Steps();
        market.Sink = sink;
        market.AdvanceTo(0.5); // the book: 5 lots bid at 100, 5 offered at 101

        long id = market.Submit(Side.Buy, OrderType.PostOnly, 100, 4);
        market.AdvanceTo(1.5); // a sell of 7 at 100: the 5 ahead of us, then 2 of ours
        market.AdvanceTo(2.5); // a sell of 3 at 99, through our price: the last 2 fill

        Assert.Equal(VenueMarketEventKind.Accepted, sink.Events[0].Kind);
        List<VenueMarketEvent> fills = [.. sink.Events.Where(e => e.Kind == VenueMarketEventKind.Fill)];
        Assert.Equal([(id, 100L, 2L, true), (id, 100L, 2L, true)], fills.Select(f => (f.OrderId, f.Price, f.Size, f.IsMaker)));
        Assert.Equal(2, sink.Events.Count(e => e.Kind == VenueMarketEventKind.PublicTrade));
    }

    [Fact]
    public void ATakerTradesAgainstTheRecordedLevelsWithoutMovingThem()
    {
        var market = new ReplayVenueMarket(Script(), Ticks, new RiskAverseQueueModel());
        var sink = new Steps();
        market.Sink = sink;
        market.AdvanceTo(0.5);

        long ioc = market.Submit(Side.Buy, OrderType.ImmediateOrCancel, 102, 12);
        long fok = market.Submit(Side.Buy, OrderType.FillOrKill, 102, 20);
        long postOnly = market.Submit(Side.Sell, OrderType.PostOnly, 100, 1);

        Assert.Equal([(101L, 5L), (102L, 5L)], sink.Events.Where(e => e.Kind == VenueMarketEventKind.Fill && e.OrderId == ioc).Select(e => (e.Price, e.Size)));
        Assert.Equal(2L, sink.Events.Single(e => e.Kind == VenueMarketEventKind.Done && e.OrderId == ioc).Size);
        Assert.Equal(OrderRejectReason.FillOrKillNotFillable, sink.Events.Single(e => e.OrderId == fok).RejectReason);
        Assert.Equal(OrderRejectReason.PostOnlyWouldCross, sink.Events.Single(e => e.OrderId == postOnly).RejectReason);
        Assert.Equal(new BookLevel(101, 5), market.Book.Best(Side.Sell)); // the recording does not react
    }

    [Fact]
    public void ASmallerSizeKeepsTheQueuePlaceAndANewPriceStartsAgainAtTheBack()
    {
        var market = new ReplayVenueMarket(Script(), Ticks, new RiskAverseQueueModel());
        var sink = new Steps();
        market.Sink = sink;
        market.AdvanceTo(0.5);
        long id = market.Submit(Side.Buy, OrderType.Limit, 100, 4);

        market.Amend(id, 100, 3);
        market.Amend(id, 99, 3);
        market.Cancel(id);
        market.Cancel(id);

        Assert.Equal([true, false], sink.Events.Where(e => e.Kind == VenueMarketEventKind.Amended).Select(e => e.KeptPriority));
        Assert.Equal((3L, CancelReason.Requested), sink.Events.Where(e => e.Kind == VenueMarketEventKind.Done).Select(e => (e.Size, e.CancelReason)).Single());
        Assert.Equal(OrderRejectReason.UnknownOrder, sink.Events.Last().RejectReason);
    }

    [SharedDataFact]
    public async Task TheVenueServesTheRecordedBook()
    {
        using MarketDataReader reader = MarketDataFormats.Open(SharedData.BinanceUsdm, "binance-usdm");
        (MarketEvent[] events, Instrument instrument) = ReplayVenueMarket.Read(reader);
        var market = new ReplayVenueMarket(events, instrument, new RiskAverseQueueModel());
        await using LocalVenue venue = await LocalVenue.StartAsync(market, new VenueSettings { Symbol = "BTCUSDT", Speed = 5 });
        await Task.Delay(1000);

        (long replayed, byte[] answer) = await venue.OnMarketThread(() => (market.Replayed, venue.PublicData.OrderBook(5)));

        var book = new OrderBook();
        foreach (MarketEvent e in events.AsSpan(0, (int)replayed))
        {
            book.Apply(in e);
        }

        using var json = System.Text.Json.JsonDocument.Parse(answer);
        System.Text.Json.JsonElement bids = json.RootElement.GetProperty("result").GetProperty("b");
        Assert.True(replayed > 1000, $"{replayed} events replayed in 1 s at speed 5");
        Assert.Equal(book.Best(Side.Buy).Price * (decimal)instrument.TickSize, decimal.Parse(bids[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(book.Best(Side.Buy).Size * (decimal)instrument.LotSize, decimal.Parse(bids[0][1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>At 0 s a book (100 × 5 bid, 101 × 5 and 102 × 5 offered); a sell of 7 at 100 at 1 s; a sell of 3 at 99 at 2 s.</summary>
    private static MarketEvent[] Script() =>
    [
        new(0, 0, MarketEventKind.BookLevel, Side.Buy, 100, 5, 1, EventMarkers.None),
        new(0, 0, MarketEventKind.BookLevel, Side.Sell, 101, 5, 1, EventMarkers.None),
        new(0, 0, MarketEventKind.BookLevel, Side.Sell, 102, 5, 1, EventMarkers.EndOfBatch),
        new(1_000_000_000, 1_000_000_000, MarketEventKind.Trade, Side.Sell, 100, 7, 2, EventMarkers.EndOfBatch),
        new(2_000_000_000, 2_000_000_000, MarketEventKind.Trade, Side.Sell, 99, 3, 3, EventMarkers.EndOfBatch),
    ];

    private sealed class Steps : IVenueMarketSink
    {
        public List<VenueMarketEvent> Events { get; } = [];

        public void OnStep(ReadOnlySpan<VenueMarketEvent> events, double time) => Events.AddRange(events);
    }
}
