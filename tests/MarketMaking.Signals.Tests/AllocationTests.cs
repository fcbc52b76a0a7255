using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Book;
using MarketMaking.Signals.Calibration;
using MarketMaking.Signals.Features;
using MarketMaking.Signals.Flow;
using MarketMaking.Signals.Toxicity;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Signals.Tests;

/// <summary>Every per-event update allocates nothing once its buffers have their working size.</summary>
public class AllocationTests
{
    private const int Events = 20_000;
    private const long Millisecond = 1_000_000;

    public static TheoryData<string> Names =>
    [
        "imbalance", "depth-ratio", "weighted-mid", "microprice", "microprice-estimator", "queue-pressure",
        "ofi", "cumulative-delta", "trade-rate", "trade-size", "realized-volatility", "garman-klass",
        "parkinson", "spread-z", "vpin", "bars", "fill-intensity", "mid-volatility", "market-calibrator", "market-features",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void UpdateAllocatesNothing(string name)
    {
        Action<OrderBook, MarketEvent, Bar, long> update = Create(name);
        var book = new OrderBook();

        // Each pass continues in time where the one before stopped.
        long allocated = SteadyState.AllocatedBytes(pass => Run(update, book, pass * Events));

        Assert.Equal(0, allocated);
    }

    // A varying two-level book, alternating trades, one bar per event; time advances 1 ms per event.
    private static void Run(Action<OrderBook, MarketEvent, Bar, long> update, OrderBook book, int start)
    {
        for (int i = start; i < start + Events; i++)
        {
            long time = i * Millisecond;
            long bid = 1000 + (i / 7 % 5);
            Books.Touch(book, bid, 1 + (i % 9), bid + 1 + (i % 3), 1 + (i % 4));
            book.Set(Side.Buy, bid - 1, 5);
            var side = i % 2 == 0 ? Side.Buy : Side.Sell;
            var kind = i % 3 == 0 ? MarketEventKind.BookLevel : MarketEventKind.Trade;
            var e = new MarketEvent(time, time, kind, side, side == Side.Buy ? bid + 2 : bid - 1, 1 + (i % 5), i, EventMarkers.EndOfBatch);
            double close = 100 + (i % 11);
            var bar = new Bar(time, 100, Math.Max(close, 100) + 1, Math.Min(close, 100) - 1, close, 1 + (i % 13));
            update(book, e, bar, time);
        }
    }

    private static Action<OrderBook, MarketEvent, Bar, long> Create(string name)
    {
        switch (name)
        {
            case "imbalance":
                var imbalance = new BookImbalance(3);
                return (book, _, _, _) => imbalance.Update(book);
            case "depth-ratio":
                var ratio = new DepthRatio(3);
                return (book, _, _, _) => ratio.Update(book);
            case "weighted-mid":
                var weighted = new WeightedMid();
                return (book, _, _, _) => weighted.Update(book);
            case "microprice":
                var microprice = new Microprice(new MicropriceModel(2, 1, [-0.25, 0.25]));
                return (book, _, _, _) => microprice.Update(book);
            case "microprice-estimator":
                var estimator = new MicropriceEstimator();
                return (book, _, _, _) => estimator.Observe(book);
            case "queue-pressure":
                var pressure = new QueuePressure(TimeSpan.FromSeconds(1));
                return (book, _, _, time) => pressure.Update(time, book);
            case "ofi":
                var ofi = new OrderFlowImbalance(TimeSpan.FromSeconds(1));
                return (book, _, _, time) => ofi.Update(time, book);
            case "cumulative-delta":
                var delta = new CumulativeDelta();
                return (_, e, _, _) => delta.Update(e);
            case "trade-rate":
                var rate = new TradeArrivalRate(TimeSpan.FromSeconds(1));
                return (_, e, _, _) => rate.Update(e);
            case "trade-size":
                var size = new AverageTradeSize(TimeSpan.FromSeconds(1));
                return (_, e, _, _) => size.Update(e);
            case "realized-volatility":
                var realized = new RealizedVolatility(TimeSpan.FromSeconds(1));
                return (book, _, _, time) => realized.Update(time, WeightedMid.Compute(book));
            case "garman-klass":
                var garmanKlass = new GarmanKlassVolatility();
                return (_, _, bar, _) => garmanKlass.Update(bar);
            case "parkinson":
                var parkinson = new ParkinsonVolatility();
                return (_, _, bar, _) => parkinson.Update(bar);
            case "spread-z":
                var spread = new SpreadZScore();
                return (book, _, _, _) => spread.Update(book);
            case "vpin":
                var vpin = new Vpin(25);
                return (_, _, bar, _) => vpin.Update(bar);
            case "bars":
                var bars = new TimeBarBuilder(TimeSpan.FromMilliseconds(50));
                return (_, e, _, _) => bars.Update(e, out _);
            case "fill-intensity":
                var intensity = new FillIntensityCalibrator(1);
                return (book, e, _, time) =>
                {
                    intensity.OnMid(time, WeightedMid.Compute(book));
                    intensity.OnTrade(e);
                };
            case "mid-volatility":
                var volatility = new MidVolatilityEstimator(TimeSpan.FromMilliseconds(10));
                return (book, _, _, time) => volatility.OnMid(time, WeightedMid.Compute(book));
            case "market-calibrator":
                var calibrator = new MarketCalibrator(new FillIntensityCalibrator(1), new MidVolatilityEstimator(TimeSpan.FromMilliseconds(10)));
                return (_, e, _, _) => calibrator.Update(e);
            case "market-features":
                var features = new MarketFeatures(new MarketFeatureSettings { LargeTradeSize = 3, OfiWindow = 5, VolumeWindow = 5, VolatilityWindow = 5 });
                return (b, e, _, t) =>
                {
                    features.OnTrade(e);
                    features.OnBook(t, b);
                };
            default:
                throw new ArgumentException($"unknown signal {name}", nameof(name));
        }
    }
}
