using System.Globalization;
using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;

namespace MarketMaking.Data.Verification;

/// <summary>
/// Rebuilds the L2 book from a source's depth events and checks it against the source's own best
/// quotes (Binance bookTicker) at matching update ids.
/// </summary>
/// <remarks>
/// The matching rule: a quote with update id u is comparable with the book exactly when the last
/// depth message applied to the book ended at update id u (the Id of its events, Binance's u); then
/// both describe the same state of the exchange's book. A depth message spans the updates U..u, so a
/// quote whose id falls strictly inside that range, or between two messages, describes a state the
/// depth stream never shows and is not compared. Arrival order does not matter: in the Binance sample
/// most comparable bookTickers arrive before the depth update with the same id (the streams are
/// separate), so quotes wait in a bounded queue until the book reaches their id or passes it.
/// </remarks>
public static class BookVerifier
{
    // Quotes waiting for the book to catch up; the sample needs under 200.
    private const int MaxWaitingQuotes = 1 << 16;

    public static BookVerification Verify(IMarketEventSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var book = new OrderBook();
        var waiting = new Queue<Quote>();
        var buffer = new MarketEvent[8192];
        var state = new State(source.Instrument);
        long bookId = 0;
        bool bookKnown = false;
        Quote quote = default;
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            foreach (ref readonly MarketEvent e in buffer.AsSpan(0, n))
            {
                switch (e.Kind)
                {
                    case MarketEventKind.BookClear:
                    case MarketEventKind.BookLevel:
                        book.Apply(in e);
                        if (e.IsEndOfBatch)
                        {
                            // A clear that is not a snapshot's (a resynchronization) leaves no known state.
                            bookKnown = e.Kind == MarketEventKind.BookLevel || (e.Markers & EventMarkers.Snapshot) != 0;
                            bookId = e.Id;
                            while (bookKnown && waiting.Count > 0 && waiting.Peek().Id <= bookId)
                            {
                                Quote early = waiting.Dequeue();
                                if (early.Id == bookId)
                                {
                                    state.Compare(book, early);
                                }
                            }
                        }

                        break;
                    case MarketEventKind.BestQuote:
                        quote = quote.With(e);
                        if (e.IsEndOfBatch)
                        {
                            state.Quotes++;
                            if (bookKnown && quote.Id == bookId)
                            {
                                state.Compare(book, quote);
                            }
                            else if (!bookKnown || quote.Id > bookId)
                            {
                                if (waiting.Count == MaxWaitingQuotes)
                                {
                                    waiting.Dequeue();
                                }

                                waiting.Enqueue(quote);
                            }

                            quote = default;
                        }

                        break;
                }
            }
        }

        return new BookVerification(state.Quotes, state.Compared, state.Matched, state.FirstMismatch);
    }

    private sealed class State(Instrument instrument)
    {
        public long Quotes { get; set; }

        public long Compared { get; private set; }

        public long Matched { get; private set; }

        public string? FirstMismatch { get; private set; }

        public void Compare(OrderBook book, in Quote quote)
        {
            Compared++;
            BookLevel bid = book.Best(Side.Buy);
            BookLevel ask = book.Best(Side.Sell);
            bool match = (!quote.HasBid || bid == quote.Bid) && (!quote.HasAsk || ask == quote.Ask);
            if (match)
            {
                Matched++;
            }
            else
            {
                FirstMismatch ??= $"update {quote.Id}: quote bid {Level(quote.Bid)} ask {Level(quote.Ask)}, book bid {Level(bid)} ask {Level(ask)} (size@price)";
            }
        }

        /// <summary>A level as the file writes it, size@price (the book holds lots and ticks).</summary>
        private string Level(BookLevel level) =>
            string.Create(CultureInfo.InvariantCulture, $"{(decimal)instrument.LotSize * level.Size:0.##########}@{(decimal)instrument.TickSize * level.Price:0.##########}");
    }

    /// <summary>One best-quote message: its sides as they arrive, and its update id.</summary>
    private readonly record struct Quote(long Id, BookLevel Bid, BookLevel Ask, bool HasBid, bool HasAsk)
    {
        public Quote With(in MarketEvent e) => e.Side == Side.Buy
            ? this with { Id = e.Id, Bid = new BookLevel(e.Price, e.Size), HasBid = true }
            : this with { Id = e.Id, Ask = new BookLevel(e.Price, e.Size), HasAsk = true };
    }
}
