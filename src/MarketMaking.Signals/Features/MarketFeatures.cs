using MarketMaking.Core.Books;
using MarketMaking.Core.Errors;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Signals.Book;
using MarketMaking.Signals.Flow;
using MarketMaking.Signals.Toxicity;
using MarketMaking.Signals.Volatility;
using MarketMaking.Signals.Windows;

namespace MarketMaking.Signals.Features;

/// <summary>
/// The named features a market offers its strategies (QuoteContext.Features), learned models
/// and RL observations, kept current from every book change and trade. Prices in ticks, sizes in
/// lots, times in ns; a feature that is not yet defined is NaN. Signed features (imbalance, order
/// flow, microprice offset) are positive when buyers dominate. Nothing is allocated per update.
/// </summary>
public sealed class MarketFeatures
{
    /// <summary>The features, in the order of <see cref="Values"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["imbalance", "imbalance5", "spread", "ofi", "vpin", "volume", "trade_rate", "volatility", "microprice_offset", "large_trade_age", "large_trade_side", "mid_change", "trade_imbalance"];

    private const int Imbalance = 0, Imbalance5 = 1, Spread = 2, Ofi = 3, VpinIndex = 4, Volume = 5, TradeRate = 6, VolatilityIndex = 7, MicropriceOffset = 8, LargeTradeAge = 9, LargeTradeSide = 10, MidChange = 11, TradeImbalance = 12;

    private readonly double[] _values = new double[Names.Count];
    private readonly OrderFlowImbalance _ofi;
    private readonly TimeWindow _volume;
    private readonly TimeWindow _midChanges;
    private readonly TimeWindow _signedVolume;
    private double _lastMid = double.NaN;
    private readonly TradeArrivalRate _tradeRate;
    private readonly RealizedVolatility _volatility;
    private readonly TimeBarBuilder _bars = new(TimeSpan.FromSeconds(1));
    private readonly Vpin _vpin;
    private readonly long _largeTradeSize;
    private long _lastLargeTrade = long.MinValue;

    public MarketFeatures(MarketFeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _ofi = new OrderFlowImbalance(TimeSpan.FromSeconds(settings.OfiWindow));
        _volume = new TimeWindow(TimeSpan.FromSeconds(settings.VolumeWindow));
        _midChanges = new TimeWindow(TimeSpan.FromSeconds(settings.MidChangeWindow));
        _signedVolume = new TimeWindow(TimeSpan.FromSeconds(settings.VolumeWindow));
        _tradeRate = new TradeArrivalRate(TimeSpan.FromSeconds(settings.VolumeWindow));
        _volatility = new RealizedVolatility(TimeSpan.FromSeconds(settings.VolatilityWindow));
        _vpin = new Vpin(settings.VpinBucketVolume);
        _largeTradeSize = settings.LargeTradeSize;
        Array.Fill(_values, double.NaN);
    }

    public ReadOnlySpan<double> Values => _values;

    /// <summary>Whether a feature's sign says which side dominates (it flips when seen from the other side).</summary>
    public static bool IsSigned(int index) =>
        index is Imbalance or Imbalance5 or Ofi or MicropriceOffset or LargeTradeSide or MidChange or TradeImbalance;

    /// <summary>The position of a feature in <see cref="Values"/>; an unknown name is a usage error.</summary>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new InvalidParameterException("features", $"unknown feature '{name}'; known: {string.Join(", ", Names)}");
    }

    /// <summary>After any change to the book (sizes at the touch matter for the order flow, not just prices).</summary>
    public void OnBook(long time, IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _ofi.Update(time, book);
        _values[Ofi] = _ofi.Value;
        _values[Imbalance] = BookImbalance.Compute(book, 1);
        _values[Imbalance5] = BookImbalance.Compute(book, 5);
        BookLevel bid = book.Best(Side.Buy), ask = book.Best(Side.Sell);
        if (!bid.IsEmpty && !ask.IsEmpty)
        {
            double mid = (bid.Price + ask.Price) * 0.5;
            _values[Spread] = ask.Price - bid.Price;
            _values[MicropriceOffset] = WeightedMid.Compute(book) - mid;
            _volatility.Update(time, mid);
            if (mid != _lastMid)
            {
                // The window sums the mid's steps: its total is the change over the window.
                _midChanges.Add(time, double.IsNaN(_lastMid) ? 0 : mid - _lastMid);
                _lastMid = mid;
            }

            _values[VolatilityIndex] = _volatility.IsReady ? _volatility.Value : double.NaN;
        }

        Advance(time);
    }

    public void OnTrade(in MarketEvent trade)
    {
        if (trade.Kind != MarketEventKind.Trade)
        {
            return;
        }

        _volume.Add(trade.ExchangeTime, trade.Size);
        _signedVolume.Add(trade.ExchangeTime, trade.Side.Sign() * trade.Size);
        _tradeRate.Update(trade);
        if (_bars.Update(trade, out Bar bar))
        {
            _vpin.Update(bar);
            _values[VpinIndex] = _vpin.Value;
        }

        if (trade.Size >= _largeTradeSize)
        {
            _lastLargeTrade = trade.ExchangeTime;
            _values[LargeTradeSide] = trade.Side.Sign();
        }

        Advance(trade.ExchangeTime);
    }

    /// <summary>Moves the time windows to <paramref name="time"/> (features that fade with time).</summary>
    public void Advance(long time)
    {
        _volume.Advance(time);
        _signedVolume.Advance(time);
        _midChanges.Advance(time);
        _tradeRate.Advance(time);
        _values[Volume] = _volume.Sum;
        _values[TradeRate] = _tradeRate.Value;
        _values[MidChange] = _midChanges.Sum;
        _values[TradeImbalance] = _volume.Sum > 0 ? _signedVolume.Sum / _volume.Sum : 0;
        _values[LargeTradeAge] = _lastLargeTrade == long.MinValue ? double.PositiveInfinity : (time - _lastLargeTrade) / 1e9;
    }
}
