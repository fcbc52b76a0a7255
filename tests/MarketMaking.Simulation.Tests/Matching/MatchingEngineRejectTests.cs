using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Matching;
using static MarketMaking.Simulation.Tests.Matching.Expect;

namespace MarketMaking.Simulation.Tests.Matching;

/// <summary>Every reject reason: reported as an event, counted on the engine, and leaving the book untouched.</summary>
public class MatchingEngineRejectTests
{
    private static readonly Instrument Instrument = new("TEST", tickSize: 0.01, lotSize: 0.001);

    [Fact]
    public void EveryRejectReasonIsReportedCountedAndChangesNothing()
    {
        var engine = new MatchingEngine();
        var converter = new GridOrderConverter(Instrument);
        var events = new MatchingEventBuffer();
        engine.Submit(OrderRequest.Limit(1, 1, Side.Sell, 101, 3), events);
        engine.Submit(new OrderRequest(2, 1, Side.Buy, OrderType.PostOnly, 99, 3, 0), events);

        (Func<OrderRejectReason> Request, MatchingEvent Expected)[] cases =
        [
            (() => engine.Submit(OrderRequest.Limit(10, 5, Side.Buy, 0, 1, 3), events), Rejected(10, 5, Side.Buy, 0, 1, OrderRejectReason.NonPositivePrice, 3)),
            (() => engine.Amend(1, -4, 1, 3, events), Rejected(1, 1, Side.Sell, -4, 1, OrderRejectReason.NonPositivePrice, 3)),
            (() => engine.Submit(OrderRequest.Limit(11, 5, Side.Buy, 100, 0), events), Rejected(11, 5, Side.Buy, 100, 0, OrderRejectReason.NonPositiveSize)),
            (() => engine.Submit(OrderRequest.Market(12, 5, Side.Buy, -2), events), Rejected(12, 5, Side.Buy, 0, -2, OrderRejectReason.NonPositiveSize)),
            (() => engine.Amend(1, 101, 0, 0, events), Rejected(1, 1, Side.Sell, 101, 0, OrderRejectReason.NonPositiveSize)),
            (() => converter.Submit(engine, 13, 5, Side.Buy, OrderType.Limit, 100.005, 0.001, 4, events), Rejected(13, 5, Side.Buy, 0, 0, OrderRejectReason.OffTickGrid, 4)),
            (() => converter.Submit(engine, 14, 5, Side.Sell, OrderType.Limit, 100.01, 0.0015, 4, events), Rejected(14, 5, Side.Sell, 0, 0, OrderRejectReason.OffLotGrid, 4)),
            (() => converter.Amend(engine, 1, 1.011, 0.003, 4, events), Rejected(1, 1, Side.Sell, 0, 0, OrderRejectReason.OffTickGrid, 4)),
            (() => engine.Cancel(99, 5, events), Rejected(99, 0, Side.Buy, 0, 0, OrderRejectReason.UnknownOrder, 5)),
            (() => engine.Amend(99, 100, 1, 5, events), Rejected(99, 0, Side.Buy, 100, 1, OrderRejectReason.UnknownOrder, 5)),
            (() => engine.Submit(OrderRequest.Limit(1, 5, Side.Buy, 90, 1), events), Rejected(1, 5, Side.Buy, 90, 1, OrderRejectReason.DuplicateOrderId)),
            (() => engine.Submit(new OrderRequest(15, 5, Side.Sell, OrderType.PostOnly, 99, 1, 0), events), Rejected(15, 5, Side.Sell, 99, 1, OrderRejectReason.PostOnlyWouldCross)),
            (() => engine.Amend(2, 101, 3, 0, events), Rejected(2, 1, Side.Buy, 101, 3, OrderRejectReason.PostOnlyWouldCross)),
            (() => engine.Submit(new OrderRequest(16, 5, Side.Buy, OrderType.FillOrKill, 101, 4, 0), events), Rejected(16, 5, Side.Buy, 101, 4, OrderRejectReason.FillOrKillNotFillable)),
            (() => engine.Submit(new OrderRequest(17, 5, (Side)2, OrderType.Limit, 100, 1, 0), events), Rejected(17, 5, (Side)2, 100, 1, OrderRejectReason.InvalidSide)),
            (() => engine.Submit(new OrderRequest(18, 5, Side.Buy, (OrderType)5, 100, 1, 0), events), Rejected(18, 5, Side.Buy, 100, 1, OrderRejectReason.InvalidOrderType)),
        ];

        foreach ((Func<OrderRejectReason> request, MatchingEvent expected) in cases)
        {
            events.Clear();
            Assert.Equal(expected.RejectReason, request());
            Assert.Equal([expected], events.Events.ToArray());
        }

        Assert.Equal(cases.Length, engine.TotalRejections);
        foreach (OrderRejectReason reason in Enum.GetValues<OrderRejectReason>().Where(r => r != OrderRejectReason.None))
        {
            Assert.Equal(cases.Count(c => c.Expected.RejectReason == reason), engine.Rejections(reason));
            Assert.True(engine.Rejections(reason) > 0, $"{reason} is never exercised");
        }

        Assert.Equal(2, engine.OrderCount);
        Assert.Equal(new RestingOrder(1, 1, Side.Sell, 101, 3, 0, false), engine.TryGetOrder(1, out RestingOrder ask) ? ask : default);
        Assert.Equal(new RestingOrder(2, 1, Side.Buy, 99, 3, 0, true), engine.TryGetOrder(2, out RestingOrder bid) ? bid : default);
    }

    [Theory]
    [InlineData(0.3, 0.1, 3)]
    [InlineData(100.01, 0.01, 10_001)]
    [InlineData(0.07, 0.01, 7)]
    [InlineData(65_432.5, 0.5, 130_865)]
    public void ConverterAcceptsValuesOnTheGridDespiteRoundOff(double value, double unit, long expected)
    {
        var converter = new GridOrderConverter(new Instrument("X", unit, unit));
        Assert.Equal(OrderRejectReason.None, converter.TryToTicks(value, out long ticks));
        Assert.Equal(OrderRejectReason.None, converter.TryToLots(value, out long lots));
        Assert.Equal((expected, expected), (ticks, lots));
    }

    [Theory]
    [InlineData(100.005, OrderRejectReason.OffTickGrid, OrderRejectReason.OffLotGrid)]
    [InlineData(0.004, OrderRejectReason.OffTickGrid, OrderRejectReason.OffLotGrid)]
    [InlineData(double.PositiveInfinity, OrderRejectReason.OffTickGrid, OrderRejectReason.OffLotGrid)]
    [InlineData(1e300, OrderRejectReason.OffTickGrid, OrderRejectReason.OffLotGrid)]
    [InlineData(0, OrderRejectReason.NonPositivePrice, OrderRejectReason.NonPositiveSize)]
    [InlineData(-0.01, OrderRejectReason.NonPositivePrice, OrderRejectReason.NonPositiveSize)]
    [InlineData(double.NaN, OrderRejectReason.NonPositivePrice, OrderRejectReason.NonPositiveSize)]
    public void ConverterRejectsValuesOffTheGrid(double value, OrderRejectReason priceReason, OrderRejectReason sizeReason)
    {
        var converter = new GridOrderConverter(new Instrument("X", 0.01, 0.01));
        Assert.Equal(priceReason, converter.TryToTicks(value, out long ticks));
        Assert.Equal(sizeReason, converter.TryToLots(value, out long lots));
        Assert.Equal((0, 0), (ticks, lots));
    }

    [Fact]
    public void ConverterSubmitsAndAmendsInTicksAndLots()
    {
        var engine = new MatchingEngine();
        var converter = new GridOrderConverter(Instrument);
        var events = new MatchingEventBuffer();

        Assert.Equal(OrderRejectReason.None, converter.Submit(engine, 1, 1, Side.Buy, OrderType.Limit, 100.07, 0.3, 5, events));
        Assert.Equal([Accepted(1, 1, Side.Buy, 10_007, 300, 5), Book(Side.Buy, 10_007, 300, 5)], events.Events.ToArray());
        Assert.Equal(OrderRejectReason.None, converter.Amend(engine, 1, 100.07, 0.1, 6, events));
        Assert.Equal(100, engine.SizeAt(Side.Buy, 10_007));

        events.Clear();
        Assert.Equal(OrderRejectReason.None, converter.Submit(engine, 2, 2, Side.Sell, OrderType.Market, double.NaN, 0.05, 7, events));
        Assert.Equal(Trade(2, 2, Side.Sell, 1, 1, 10_007, 50, 7), events[1]);
        Assert.Equal(50, engine.SizeAt(Side.Buy, 10_007));
    }

    [Fact]
    public void ConverterNeedsAPriceGrid()
    {
        Assert.Throws<ArgumentException>(() => new GridOrderConverter(Instrument.Continuous()));
    }
}
