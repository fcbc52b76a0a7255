using MarketMaking.Core.Accounting;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Simulation.Bars;

/// <summary>
/// A market made of OHLCV bars, one bar per step. The strategy decides on the last close; the
/// next bar then fills our resting quotes by the fill rule (both sides can fill in one bar, as the
/// path inside a bar is unknown), each whole order at its price moved by the slippage, paying the
/// maker fee. Streams the bars: memory does not grow with the file.
/// </summary>
public sealed class BarMarket : IMarket
{
    private readonly IEnumerator<Bar> _bars;
    private readonly BarSettings _settings;
    private readonly Random _random;
    private readonly List<(long Id, Side Side, double Price, double Quantity)> _orders = [];
    private readonly long _origin;
    private long _barDuration;
    private Bar _next;
    private bool _hasNext;
    private long _nextOrderId = 1;

    public BarMarket(IEnumerable<Bar> bars, Instrument instrument, BarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        _settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        _random = new Random(settings.Seed);
        _bars = bars.GetEnumerator();
        if (!_bars.MoveNext())
        {
            throw new InvalidParameterException("data", "the bar file holds no bars");
        }

        Bar first = _bars.Current;
        _origin = first.OpenTime;
        Mid = first.Open;
        _hasNext = true;
        _next = first;
        BarsPlayed = 0;
    }

    public Instrument Instrument { get; }

    public double Time { get; private set; }

    public double TimeLeft => double.PositiveInfinity;

    /// <summary>The last close (the first bar's open before any bar has played).</summary>
    public double Mid { get; private set; }

    public double BestBid => double.NaN;

    public double BestAsk => double.NaN;

    public double Volatility => double.NaN;

    public double Alpha => 0;

    public bool IsFinished => !_hasNext;

    public long BarsPlayed { get; private set; }

    /// <summary>Duration of one bar in seconds (from the first two bars; 0 until known).</summary>
    public double BarSeconds => _barDuration / 1e9;

    public long Submit(Side side, double price, double quantity)
    {
        long id = _nextOrderId++;
        _orders.Add((id, side, price, quantity));
        return id;
    }

    public void Cancel(long orderId) => _orders.RemoveAll(o => o.Id == orderId);

    public void Reduce(long orderId, double newQuantity)
    {
        int i = _orders.FindIndex(o => o.Id == orderId);
        if (i >= 0)
        {
            _orders[i] = _orders[i] with { Quantity = newQuantity };
        }
    }

    public void Advance(List<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        if (!_hasNext)
        {
            throw new InvalidOperationException("no bars left");
        }

        Bar bar = _next;
        double mid = Mid;
        for (int i = _orders.Count - 1; i >= 0; i--)
        {
            var (id, side, price, quantity) = _orders[i];
            if (!Fills(side, price, bar))
            {
                continue;
            }

            double slip = price * _settings.SlippageBps / 1e4;
            double executed = side == Side.Buy ? price + slip : price - slip;
            fills.Add(new Fill(Time, id, side, executed, quantity, Instrument.Fee(executed, quantity, isMaker: true), IsMaker: true, mid));
            _orders.RemoveAt(i);
        }

        Mid = bar.Close;
        BarsPlayed++;
        _hasNext = _bars.MoveNext();
        if (_hasNext)
        {
            _next = _bars.Current;
            if (_next.OpenTime <= bar.OpenTime)
            {
                throw new InvalidParameterException("data", $"bar times must increase: {TimeText.Instant(_next.OpenTime)} after {TimeText.Instant(bar.OpenTime)}");
            }

            _barDuration = _barDuration == 0 ? _next.OpenTime - bar.OpenTime : _barDuration;
            Time = (_next.OpenTime - _origin) / 1e9;
        }
        else
        {
            Time = (bar.OpenTime + _barDuration - _origin) / 1e9;
        }
    }

    private bool Fills(Side side, double price, in Bar bar)
    {
        bool through = side == Side.Buy ? bar.Low < price : bar.High > price;
        if (through)
        {
            return true;
        }

        bool touch = side == Side.Buy ? bar.Low <= price : bar.High >= price;
        return touch && _settings.FillRule switch
        {
            BarFillRule.Touch => true,
            BarFillRule.TouchWithProbability => _random.NextDouble() < _settings.TouchFillProbability,
            _ => false,
        };
    }
}
