using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Files;
using MarketMaking.Data.Verification;

namespace MarketMaking.Data.Tests.Verification;

public class BookVerifierTests
{
    [SharedDataFact]
    public void EveryComparableBookTickerOfTheSampleMatchesTheRebuiltBook()
    {
        using var reader = new BinanceUsdmReader(SharedData.BinanceUsdm);
        BookVerification result = BookVerifier.Verify(reader);

        Assert.Equal(66_089, result.Quotes);
        Assert.True(result.Compared > 600, $"compared {result.Compared}");
        Assert.Equal(629, result.Compared);
        Assert.Null(result.FirstMismatch);
        Assert.Equal(1.0, result.MatchedShare);
    }

    private static MarketEvent Level(long id, Side side, long price, long size, bool end = false) =>
        new(0, 0, MarketEventKind.BookLevel, side, price, size, id, end ? EventMarkers.EndOfBatch : EventMarkers.None);

    private static IEnumerable<MarketEvent> Quote(long id, long bid, long bidSize, long ask, long askSize) =>
    [
        new(0, 0, MarketEventKind.BestQuote, Side.Buy, bid, bidSize, id, EventMarkers.None),
        new(0, 0, MarketEventKind.BestQuote, Side.Sell, ask, askSize, id, EventMarkers.EndOfBatch),
    ];

    [Fact]
    public void QuotesAreComparedOnlyAtTheUpdateIdTheBookReachedInEitherArrivalOrder()
    {
        MarketEvent[] events =
        [
            new(0, 0, MarketEventKind.BookClear, Side.Buy, 0, 0, 10, EventMarkers.Snapshot),
            Level(10, Side.Buy, 100, 5),
            Level(10, Side.Sell, 101, 5, end: true),
            .. Quote(10, 100, 5, 101, 5),   // after its update: compared, matches
            .. Quote(12, 100, 7, 101, 5),   // before its update: waits, then matches
            .. Quote(11, 100, 6, 101, 5),   // inside update 12's range (U=11..u=12): never compared
            Level(12, Side.Buy, 100, 7, end: true),
            .. Quote(13, 100, 7, 101, 9),   // disagrees with update 13
            Level(13, Side.Sell, 101, 8, end: true),
            .. Quote(9, 1, 1, 2, 2),        // older than the book: not compared
        ];
        BookVerification result = BookVerifier.Verify(new ArraySource(events));

        Assert.Equal(5, result.Quotes);
        Assert.Equal(3, result.Compared);
        Assert.Equal(2, result.Matched);
        Assert.Equal(2.0 / 3, result.MatchedShare);
        // Lots of 0.1 and ticks of 0.5 (ArraySource): 7 lots at 100 ticks is 0.7@50.
        Assert.Equal("update 13: quote bid 0.7@50 ask 0.9@50.5, book bid 0.7@50 ask 0.8@50.5 (size@price)", result.FirstMismatch);
    }

    [Fact]
    public void NothingIsComparedAgainstABookClearedByAResynchronization()
    {
        MarketEvent[] events =
        [
            Level(10, Side.Buy, 100, 5, end: true),
            new(0, 0, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.EndOfBatch),
            .. Quote(0, 0, 0, 0, 0),
        ];
        BookVerification result = BookVerifier.Verify(new ArraySource(events));

        Assert.Equal(0, result.Compared);
        Assert.True(double.IsNaN(result.MatchedShare));
    }

    private sealed class ArraySource(MarketEvent[] events) : IMarketEventSource
    {
        private int _next;

        public Instrument Instrument { get; } = new("TEST", 0.5, 0.1);

        public int Read(Span<MarketEvent> buffer)
        {
            int n = Math.Min(buffer.Length, events.Length - _next);
            events.AsSpan(_next, n).CopyTo(buffer);
            _next += n;
            return n;
        }

        public void Dispose()
        {
        }
    }
}
