using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// The exchanges' best quotes of one US equity and the consolidated book they make: the size at a
/// price is the sum over the exchanges quoting it, so the top is the NBBO. Every change goes out as
/// BookLevel events of the new aggregate size at each touched price.
/// </summary>
internal sealed class LeanConsolidatedBook(Instrument instrument)
{
    private readonly long[] _bidPrice = new long[256];
    private readonly long[] _bidSize = new long[256];
    private readonly long[] _askPrice = new long[256];
    private readonly long[] _askSize = new long[256];
    private readonly byte[] _exchanges = new byte[256];
    private readonly bool[] _known = new bool[256];
    private readonly Dictionary<long, long> _bids = [];
    private readonly Dictionary<long, long> _asks = [];
    private int _exchangeCount;
    private long _lastTradePrice;
    private Side _lastTradeSide = Side.Buy;

    public Instrument Instrument { get; } = instrument;

    public long StaleQuotesDropped { get; private set; }

    public long SuspiciousRows { get; set; }

    /// <summary>Forgets every quote (a new day) and says so with a snapshot-marked clear.</summary>
    public void Clear(EventBuffer output, long time)
    {
        for (int i = 0; i < _exchangeCount; i++)
        {
            byte e = _exchanges[i];
            _bidPrice[e] = _bidSize[e] = _askPrice[e] = _askSize[e] = 0;
        }

        _bids.Clear();
        _asks.Clear();
        _lastTradePrice = 0;
        output.Add(time, time, MarketEventKind.BookClear, Side.Buy, 0, 0, 0, EventMarkers.Snapshot);
        output.CommitBatch();
    }

    /// <summary>One exchange's quote on one side (price 0 or size 0: it no longer quotes that side).</summary>
    public void Set(EventBuffer output, long time, byte exchange, Side side, long price, long size)
    {
        Remember(exchange);
        long[] prices = side == Side.Buy ? _bidPrice : _askPrice;
        long[] sizes = side == Side.Buy ? _bidSize : _askSize;
        Dictionary<long, long> levels = side == Side.Buy ? _bids : _asks;
        if (price == prices[exchange] && size == sizes[exchange])
        {
            return;
        }

        Withdraw(output, time, levels, side, prices, sizes, exchange);
        if (price > 0 && size > 0)
        {
            prices[exchange] = price;
            sizes[exchange] = size;
            long total = Add(levels, price, size);
            output.Add(time, time, MarketEventKind.BookLevel, side, price, total, 0, EventMarkers.None);
            DropCrossed(output, time, exchange, side, price);
        }
    }

    /// <summary>The aggressor of a trade by the quote rule against the NBBO, the tick rule at the mid or without a book.</summary>
    public Side Aggressor(long price)
    {
        long bid = Best(_bidPrice, _bidSize, Side.Buy);
        long ask = Best(_askPrice, _askSize, Side.Sell);
        Side side;
        if (bid > 0 && ask > 0 && 2 * price != bid + ask)
        {
            side = 2 * price > bid + ask ? Side.Buy : Side.Sell;
        }
        else
        {
            side = price > _lastTradePrice ? Side.Buy : price < _lastTradePrice ? Side.Sell : _lastTradeSide;
        }

        _lastTradePrice = price;
        _lastTradeSide = side;
        return side;
    }

    /// <summary>The best bid (or ask) over the exchanges; 0 when none quotes that side.</summary>
    public long Best(Side side) => side == Side.Buy ? Best(_bidPrice, _bidSize, Side.Buy) : Best(_askPrice, _askSize, Side.Sell);

    private long Best(long[] prices, long[] sizes, Side side)
    {
        long best = 0;
        for (int i = 0; i < _exchangeCount; i++)
        {
            byte e = _exchanges[i];
            if (sizes[e] > 0 && (best == 0 || (side == Side.Buy ? prices[e] > best : prices[e] < best)))
            {
                best = prices[e];
            }
        }

        return best;
    }

    /// <summary>A new quote at or through other exchanges' quotes on the other side makes those stale: drop them.</summary>
    private void DropCrossed(EventBuffer output, long time, byte exchange, Side side, long price)
    {
        Side other = side.Opposite();
        long[] prices = other == Side.Buy ? _bidPrice : _askPrice;
        long[] sizes = other == Side.Buy ? _bidSize : _askSize;
        Dictionary<long, long> levels = other == Side.Buy ? _bids : _asks;
        for (int i = 0; i < _exchangeCount; i++)
        {
            byte e = _exchanges[i];
            if (sizes[e] > 0 && (other == Side.Sell ? prices[e] <= price : prices[e] >= price))
            {
                // The same exchange's own other side is stale too: it sent a one-sided update.
                Withdraw(output, time, levels, other, prices, sizes, e);
                StaleQuotesDropped += e == exchange ? 0 : 1;
            }
        }
    }

    private static void Withdraw(EventBuffer output, long time, Dictionary<long, long> levels, Side side, long[] prices, long[] sizes, byte exchange)
    {
        if (sizes[exchange] > 0)
        {
            long total = Add(levels, prices[exchange], -sizes[exchange]);
            output.Add(time, time, MarketEventKind.BookLevel, side, prices[exchange], total, 0, EventMarkers.None);
        }

        prices[exchange] = 0;
        sizes[exchange] = 0;
    }

    private static long Add(Dictionary<long, long> levels, long price, long size)
    {
        levels.TryGetValue(price, out long total);
        total += size;
        if (total == 0)
        {
            levels.Remove(price);
        }
        else
        {
            levels[price] = total;
        }

        return total;
    }

    private void Remember(byte exchange)
    {
        if (!_known[exchange])
        {
            _known[exchange] = true;
            _exchanges[_exchangeCount++] = exchange;
        }
    }
}
