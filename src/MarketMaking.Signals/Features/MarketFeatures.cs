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
/// flow, offsets of the weighted mid and the micro-price, depth ratio, queue pressure, delta) are
/// positive when buyers dominate. Every update is O(1) and allocates nothing; Stoikov's micro-price
/// refits its small model (a 20-state linear system) once per refit interval of market time.
/// </summary>
public sealed class MarketFeatures
{
    /// <summary>The features, in the order of <see cref="Values"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "imbalance", "imbalance5", "spread", "ofi", "vpin", "volume", "trade_rate", "volatility", "weighted_mid_offset", "large_trade_age",
        "large_trade_side", "mid_change", "trade_imbalance", "stoikov_microprice_offset", "log_depth_ratio", "queue_pressure", "spread_zscore",
        "cumulative_delta", "average_trade_size", "garman_klass_volatility", "parkinson_volatility",
    ];

    /// <summary>Names that were renamed, with the new name: a model file or option naming one fails saying so.</summary>
    private static readonly Dictionary<string, (string Name, string Why)> Renamed = new(StringComparer.Ordinal)
    {
        ["microprice_offset"] = ("weighted_mid_offset", "it is the size-weighted mid; Stoikov's micro-price is 'stoikov_microprice_offset'"),
    };

    private const int Imbalance = 0, Imbalance5 = 1, Spread = 2, Ofi = 3, VpinIndex = 4, Volume = 5, TradeRate = 6, VolatilityIndex = 7, WeightedMidOffset = 8, LargeTradeAge = 9, LargeTradeSide = 10, MidChange = 11, TradeImbalance = 12;
    private const int StoikovOffset = 13, LogDepthRatio = 14, QueuePressureIndex = 15, SpreadZ = 16, CumulativeDeltaIndex = 17, AverageTradeSizeIndex = 18, GarmanKlass = 19, Parkinson = 20;

    // Levels summed on each side for the depth ratio.
    private const int DepthLevels = 5;

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
    private readonly MicropriceEstimator? _micropriceEstimator;
    private readonly Microprice _microprice;
    private readonly long _micropriceRefit;
    private long _nextMicropriceFit = long.MinValue;
    private readonly QueuePressure _queuePressure;
    private readonly SpreadZScore _spreadZ;
    private readonly CumulativeDelta _delta = new();
    private readonly AverageTradeSize _averageTradeSize;
    private readonly GarmanKlassVolatility _garmanKlass;
    private readonly ParkinsonVolatility _parkinson;

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
        _microprice = new Microprice(settings.MicropriceModel);
        _micropriceEstimator = settings.MicropriceModel is null ? new MicropriceEstimator() : null;
        _micropriceRefit = (long)(settings.MicropriceRefitInterval * 1e9);
        _queuePressure = new QueuePressure(TimeSpan.FromSeconds(settings.OfiWindow));
        _spreadZ = new SpreadZScore(settings.SpreadSamples);
        _averageTradeSize = new AverageTradeSize(TimeSpan.FromSeconds(settings.VolumeWindow));
        _garmanKlass = new GarmanKlassVolatility(settings.RangeVolatilityBars);
        _parkinson = new ParkinsonVolatility(settings.RangeVolatilityBars);
        Array.Fill(_values, double.NaN);
        _values[CumulativeDeltaIndex] = 0;
    }

    public ReadOnlySpan<double> Values => _values;

    /// <summary>Whether a feature's sign says which side dominates (it flips when seen from the other side).</summary>
    public static bool IsSigned(int index) =>
        index is Imbalance or Imbalance5 or Ofi or WeightedMidOffset or LargeTradeSide or MidChange or TradeImbalance
            or StoikovOffset or LogDepthRatio or QueuePressureIndex or CumulativeDeltaIndex;

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

        throw Renamed.TryGetValue(name ?? "", out var renamed)
            ? new InvalidParameterException("features", $"feature '{name}' is now called '{renamed.Name}' ({renamed.Why})")
            : new InvalidParameterException("features", $"unknown feature '{name}'; known: {string.Join(", ", Names)}");
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
            _values[WeightedMidOffset] = WeightedMid.Compute(book) - mid;
            _values[StoikovOffset] = MicropriceOffset(time, book, mid);
            _values[SpreadZ] = SpreadZScoreOf(book);
            _volatility.Update(time, mid);
            if (mid != _lastMid)
            {
                // The window sums the mid's steps: its total is the change over the window.
                _midChanges.Add(time, double.IsNaN(_lastMid) ? 0 : mid - _lastMid);
                _lastMid = mid;
            }

            _values[VolatilityIndex] = _volatility.IsReady ? _volatility.Value : double.NaN;
        }

        long askDepth = BookDepth.Sum(book, Side.Sell, DepthLevels), bidDepth = BookDepth.Sum(book, Side.Buy, DepthLevels);
        _values[LogDepthRatio] = askDepth > 0 && bidDepth > 0 ? Math.Log((double)bidDepth / askDepth) : double.NaN;
        _queuePressure.Update(time, book);
        _values[QueuePressureIndex] = _queuePressure.Value;

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
        _delta.Update(trade);
        _values[CumulativeDeltaIndex] = _delta.Value;
        _averageTradeSize.Update(trade);
        if (_bars.Update(trade, out Bar bar))
        {
            _vpin.Update(bar);
            _values[VpinIndex] = _vpin.Value;
            _garmanKlass.Update(bar);
            _parkinson.Update(bar);
            _values[GarmanKlass] = _garmanKlass.Value;
            _values[Parkinson] = _parkinson.Value;
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
        _averageTradeSize.Advance(time);
        _values[AverageTradeSizeIndex] = _averageTradeSize.Value;
        _values[Volume] = _volume.Sum;
        _values[TradeRate] = _tradeRate.Value;
        _values[MidChange] = _midChanges.Sum;
        _values[TradeImbalance] = _volume.Sum > 0 ? _signedVolume.Sum / _volume.Sum : 0;
        _values[LargeTradeAge] = _lastLargeTrade == long.MinValue ? double.PositiveInfinity : (time - _lastLargeTrade) / 1e9;
    }

    /// <summary>
    /// Stoikov's micro-price minus the mid, in ticks: the given model, or one refitted from the
    /// transitions seen so far once per refit interval (NaN until a fit succeeds).
    /// </summary>
    private double MicropriceOffset(long time, IOrderBookView book, double mid)
    {
        if (_micropriceEstimator is { } estimator)
        {
            estimator.Observe(book);
            if (time >= _nextMicropriceFit)
            {
                _nextMicropriceFit = time + _micropriceRefit;
                if (estimator.MidChanges > 0)
                {
                    try
                    {
                        _microprice.Model = estimator.Fit();
                    }
                    catch (InsufficientDataException)
                    {
                        // Too few transitions yet: keep the model so far.
                    }
                }
            }
        }

        if (!_microprice.IsFitted)
        {
            return double.NaN;
        }

        _microprice.Update(book);
        return _microprice.Value - mid;
    }

    private double SpreadZScoreOf(IOrderBookView book)
    {
        _spreadZ.Update(book);
        return _spreadZ.Value;
    }
}
