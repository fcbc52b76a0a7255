using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Features;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// What an L2 book shows a strategy, in price units: the mid and the touch, the realized volatility
/// of the mid, and the market features (for strategies that read them). The replay and a live
/// session keep theirs with this one class, so a strategy sees the same numbers in both; they call
/// <see cref="OnTrade"/> for each trade and <see cref="OnBatchEnd"/> at the end of each exchange message.
/// </summary>
public sealed class BookMarketState
{
    private readonly OrderBook _book;
    private readonly RealizedVolatility _volatility;
    private readonly double _tick;

    /// <param name="book">The book, kept by the owner.</param>
    /// <param name="tickSize">Price of one tick.</param>
    /// <param name="volatilityWindow">Window of the realized volatility.</param>
    public BookMarketState(OrderBook book, double tickSize, TimeSpan volatilityWindow)
    {
        _book = book ?? throw new ArgumentNullException(nameof(book));
        _tick = tickSize;
        _volatility = new RealizedVolatility(volatilityWindow);
    }

    public IOrderBookView Book => _book;

    /// <summary>Features kept current from the book and trades (none when null: they cost time).</summary>
    public MarketFeatures? Features { get; set; }

    public ReadOnlySpan<double> FeatureValues => Features is null ? [] : Features.Values;

    public double Mid => _book.Mid * _tick;

    public double BestBid => _book.BestPriceOrNaN(Side.Buy) * _tick;

    public double BestAsk => _book.BestPriceOrNaN(Side.Sell) * _tick;

    /// <summary>Realized volatility of the mid per √second over the window; NaN until a whole window has been seen.</summary>
    public double Volatility => _volatility.IsReady ? _volatility.Value * _tick : double.NaN;

    public bool HasBothSides => _book.HasBothSides;

    public void OnTrade(in MarketEvent trade) => Features?.OnTrade(trade);

    /// <summary>The end of an exchange message: the volatility samples the mid at <paramref name="time"/>, the features see the book.</summary>
    public void OnBatchEnd(long time, long exchangeTime)
    {
        _volatility.Update(time, _book.Mid);
        Features?.OnBook(exchangeTime, _book);
    }
}
