using MarketMaking.Core.Books;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Simulation.Arbitrage;

/// <summary>
/// Several venues of one asset on one receive clock (<see cref="MergedMarketEvents"/>), each book
/// rebuilt from its own events. At the end of every message of venue s, each ordered pair that
/// involves s is checked: selling at one venue's bid and buying at the other's ask earns
/// bid·(1 − f_sell)/(ask·(1 + f_buy)) − 1 &gt; 0 after both taker fees
/// (<see cref="CrossVenueArbitrage.NetEdge"/>). Consecutive crossed states of a pair are one
/// <see cref="ArbitrageEpisode"/>; the size available walks both books while the marginal unit still
/// earns. An <see cref="ArbitrageTaker"/>, when given, takes each episode as it opens.
/// </summary>
public sealed class ArbitrageScanner
{
    private const int BufferSize = 4096;

    private readonly MergedMarketEvents _merged;
    private readonly IReadOnlyList<ArbitrageVenue> _venues;
    private readonly ArbitrageTaker? _taker;
    private readonly OrderBook[] _books;
    private readonly bool[] _messageOpen;
    private readonly int[] _open; // episode index per ordered pair (sell·n + buy), −1 when not crossed
    private readonly List<ArbitrageEpisode> _episodes = new(1024);
    private readonly MarketEvent[] _events = new MarketEvent[BufferSize];
    private readonly int[] _sources = new int[BufferSize];

    public ArbitrageScanner(MergedMarketEvents merged, IReadOnlyList<ArbitrageVenue> venues, ArbitrageTaker? taker = null)
    {
        _merged = merged ?? throw new ArgumentNullException(nameof(merged));
        _venues = venues ?? throw new ArgumentNullException(nameof(venues));
        if (venues.Count < 2 || venues.Count != merged.Instruments.Count)
        {
            throw new ArgumentException("an arbitrage scan needs one venue per source, at least two", nameof(venues));
        }

        _taker = taker;
        _books = [.. venues.Select(_ => new OrderBook())];
        _messageOpen = new bool[venues.Count];
        _open = [.. Enumerable.Repeat(-1, venues.Count * venues.Count)];
    }

    /// <summary>Every episode, in the order they opened.</summary>
    public IReadOnlyList<ArbitrageEpisode> Episodes => _episodes;

    /// <summary>Each venue's book as received so far.</summary>
    public IReadOnlyList<IOrderBookView> Books => _books;

    /// <summary>Events read.</summary>
    public long Events { get; private set; }

    /// <summary>Receive time of the first and last events (ns).</summary>
    public long FirstTime { get; private set; }

    public long LastTime { get; private set; }

    /// <summary>The venue's mid in quote currency; NaN while a side is empty.</summary>
    public double Mid(int venue) => _books[venue].Mid * _venues[venue].Instrument.TickSize;

    /// <summary>Reads every source to its end; episodes still open then close at the last event, flagged.</summary>
    public void Run()
    {
        int count;
        while ((count = _merged.Read(_events, _sources)) > 0)
        {
            for (int i = 0; i < count; i++)
            {
                Apply(in _events[i], _sources[i]);
            }
        }

        for (int pair = 0; pair < _open.Length; pair++)
        {
            if (_open[pair] >= 0)
            {
                int index = _open[pair];
                _episodes[index] = _episodes[index] with { End = LastTime, OpenAtEnd = true };
                _open[pair] = -1;
            }
        }
    }

    private void Apply(in MarketEvent e, int source)
    {
        if (Events++ == 0)
        {
            FirstTime = e.LocalTime;
        }

        LastTime = e.LocalTime;
        if (!_messageOpen[source])
        {
            _taker?.Arrive(source, e.LocalTime, _books[source]);
        }

        _books[source].Apply(in e);
        _messageOpen[source] = !e.IsEndOfBatch;
        if (e.IsEndOfBatch)
        {
            for (int other = 0; other < _books.Length; other++)
            {
                if (other != source)
                {
                    Check(source, other, e.LocalTime);
                    Check(other, source, e.LocalTime);
                }
            }
        }
    }

    private void Check(int sell, int buy, long time)
    {
        OrderBook bids = _books[sell], asks = _books[buy];
        ArbitrageVenue seller = _venues[sell], buyer = _venues[buy];
        double edge = bids.LevelCount(Side.Buy) > 0 && asks.LevelCount(Side.Sell) > 0
            ? CrossVenueArbitrage.NetEdge(seller.Price(bids.Best(Side.Buy).Price), seller.TakerFee, buyer.Price(asks.Best(Side.Sell).Price), buyer.TakerFee)
            : double.NaN;
        int pair = (sell * _books.Length) + buy;
        int index = _open[pair];
        if (!(edge > 0))
        {
            if (index >= 0)
            {
                _episodes[index] = _episodes[index] with { End = time };
                _open[pair] = -1;
            }

            return;
        }

        (double size, double profit) = Available(sell, buy);
        if (index < 0)
        {
            _open[pair] = _episodes.Count;
            _episodes.Add(new ArbitrageEpisode(sell, buy, time, time, edge, edge, size, size, profit, OpenAtEnd: false));
            _taker?.Open(sell, buy, time, edge, size, _books);
            return;
        }

        ArbitrageEpisode open = _episodes[index];
        _episodes[index] = open with { BestEdge = Math.Max(open.BestEdge, edge), MaxSize = Math.Max(open.MaxSize, size) };
    }

    /// <summary>
    /// Coins sellable on <paramref name="sell"/>'s bids and buyable on <paramref name="buy"/>'s asks,
    /// level against level from the touch, while the marginal unit earns after both fees; and what
    /// they earn: Σ q·(b·(1 − f_s) − a·(1 + f_b)).
    /// </summary>
    private (double Size, double Profit) Available(int sell, int buy)
    {
        OrderBook bids = _books[sell], asks = _books[buy];
        ArbitrageVenue seller = _venues[sell], buyer = _venues[buy];
        int bidLevels = bids.LevelCount(Side.Buy), askLevels = asks.LevelCount(Side.Sell);
        int b = 0, a = 0;
        double size = 0, profit = 0, bidLeft = 0, askLeft = 0;
        while (b < bidLevels && a < askLevels)
        {
            BookLevel bid = bids.Level(Side.Buy, b), ask = asks.Level(Side.Sell, a);
            double bidPrice = seller.Price(bid.Price), askPrice = buyer.Price(ask.Price);
            double perUnit = (bidPrice * (1 - seller.TakerFee)) - (askPrice * (1 + buyer.TakerFee));
            if (!(perUnit > 0))
            {
                break;
            }

            bidLeft = bidLeft > 0 ? bidLeft : seller.Coins(bid.Size, bid.Price);
            askLeft = askLeft > 0 ? askLeft : buyer.Coins(ask.Size, ask.Price);
            double q = Math.Min(bidLeft, askLeft);
            size += q;
            profit += q * perUnit;
            bidLeft -= q;
            askLeft -= q;
            if (bidLeft <= 0)
            {
                b++;
            }

            if (askLeft <= 0)
            {
                a++;
            }
        }

        return (size, profit);
    }
}
