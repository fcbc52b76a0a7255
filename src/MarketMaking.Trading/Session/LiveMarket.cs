using MarketMaking.Core.Books;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Signals.Features;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Trading.Session;

/// <summary>
/// The market as a live session sees it, kept as the replay keeps it (<see cref="BookMarketState"/>):
/// the L2 book rebuilt from the venue's snapshots and deltas, the realized volatility of the mid and
/// the market features, updated at the end of every exchange message. Time runs on the venue's clock
/// (exchange time of the last message), so the strategy's clock follows the venue's.
/// </summary>
public sealed class LiveMarket : IMarketView
{
    private readonly OrderBook _book = new();
    private readonly BookMarketState _state;
    private long _origin = long.MinValue;

    public LiveMarket(Instrument instrument, TimeSpan volatilityWindow, MarketFeatures? features)
    {
        Instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        _state = new BookMarketState(_book, instrument.TickSize, volatilityWindow) { Features = features };
    }

    public Instrument Instrument { get; }

    /// <summary>Seconds since the first message, on the venue's clock.</summary>
    public double Time => _origin == long.MinValue ? 0 : (ExchangeTime - _origin) / 1e9;

    public double TimeLeft => double.PositiveInfinity;

    public double Mid => _state.Mid;

    public double BestBid => _state.BestBid;

    public double BestAsk => _state.BestAsk;

    /// <summary>Realized volatility of the mid per √second; NaN until a whole window has been seen.</summary>
    public double Volatility => _state.Volatility;

    public double Alpha => 0;

    public ReadOnlySpan<double> FeatureValues => _state.FeatureValues;

    public IOrderBookView Book => _book;

    /// <summary>Exchange time (ns) of the last message applied.</summary>
    public long ExchangeTime { get; private set; }

    /// <summary>True while the book is in step with the venue (a snapshot seen, no gap since).</summary>
    public bool IsSynced { get; private set; }

    /// <summary>Both sides quoted and not crossed: a book to quote on.</summary>
    public bool IsTradable => IsSynced && _state.HasBothSides && !_book.IsCrossed;

    /// <summary>Applies one message's events (a snapshot starts with BookClear); the last one ends the batch.</summary>
    public void Apply(IReadOnlyList<MarketEvent> events, long exchangeTime)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        ExchangeTime = Math.Max(ExchangeTime, exchangeTime);
        if (_origin == long.MinValue)
        {
            _origin = ExchangeTime;
        }

        bool book = false;
        for (int i = 0; i < events.Count; i++)
        {
            MarketEvent e = events[i];
            switch (e.Kind)
            {
                case MarketEventKind.BookClear:
                    _book.Clear();
                    IsSynced = true;
                    book = true;
                    break;
                case MarketEventKind.BookLevel:
                    _book.Set(e.Side, e.Price, e.Size);
                    book = true;
                    break;
                case MarketEventKind.Trade:
                    _state.OnTrade(e);
                    break;
            }
        }

        if (book)
        {
            _state.OnBatchEnd(ExchangeTime, ExchangeTime);
        }
    }

    /// <summary>The book fell out of step (a gap or a lost connection): no quoting on it until the next snapshot.</summary>
    public void MarkStale() => IsSynced = false;
}
