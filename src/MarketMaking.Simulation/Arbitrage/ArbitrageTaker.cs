using MarketMaking.Core.Books;
using MarketMaking.Core.Orders;
using MarketMaking.Simulation.Exchange;
using MarketMaking.Simulation.Hedging;

namespace MarketMaking.Simulation.Arbitrage;

/// <summary>
/// Takes arbitrage episodes as they open: a taker sell on the high venue and a taker buy on the low
/// one for the size available after fees (at most <see cref="MaxSize"/> coins, whole lots of each
/// venue), with the entry latency of the hedges (each leg its own draw) and the hedges' book walk
/// (<see cref="TakerSweep"/>). One take at a time: an episode that opens while legs travel is not taken.
/// </summary>
public sealed class ArbitrageTaker
{
    private const int MaxPending = 2;

    private readonly IReadOnlyList<ArbitrageVenue> _venues;
    private readonly ILatencyModel _latency;
    private readonly List<PendingLeg> _pending = new(MaxPending);
    private readonly List<ArbitrageTake> _takes = new(256);

    /// <param name="latency">Entry latency of the legs (its own seeded model).</param>
    /// <param name="maxSize">Most coins a take asks for.</param>
    public ArbitrageTaker(IReadOnlyList<ArbitrageVenue> venues, ILatencyModel latency, double maxSize)
    {
        _venues = venues ?? throw new ArgumentNullException(nameof(venues));
        _latency = latency ?? throw new ArgumentNullException(nameof(latency));
        MaxSize = maxSize > 0 ? maxSize : throw new ArgumentOutOfRangeException(nameof(maxSize), "the largest take must be positive");
    }

    public double MaxSize { get; }

    /// <summary>Every take sent, in order.</summary>
    public IReadOnlyList<ArbitrageTake> Takes => _takes;

    /// <summary>Episodes not taken because a take was travelling.</summary>
    public int SkippedBusy { get; private set; }

    /// <summary>Episodes not taken because the size was below a lot of either venue.</summary>
    public int SkippedBelowLot { get; private set; }

    /// <summary>Legs still travelling.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Legs that arrived at an empty side.</summary>
    public int Unfilled { get; private set; }

    /// <summary>An episode opened at <paramref name="time"/> on these books: send both legs if nothing travels.</summary>
    internal void Open(int sell, int buy, long time, double edge, double size, IReadOnlyList<OrderBook> books)
    {
        if (_pending.Count > 0)
        {
            SkippedBusy++;
            return;
        }

        double coins = Math.Min(size, MaxSize);
        ArbitrageVenue sellVenue = _venues[sell], buyVenue = _venues[buy];
        long sellLots = sellVenue.LotsOf(coins, books[sell].Best(Side.Buy).Price);
        long buyLots = buyVenue.LotsOf(coins, books[buy].Best(Side.Sell).Price);
        if (sellLots == 0 || buyLots == 0)
        {
            SkippedBelowLot++;
            return;
        }

        _takes.Add(new ArbitrageTake { SellVenue = sell, BuyVenue = buy, DecidedAt = time, Requested = coins, ExpectedEdge = edge });
        int take = _takes.Count - 1;
        _pending.Add(new PendingLeg(take, sell, Side.Sell, sellLots, time, time + _latency.OrderEntry(), Mid(sell, books[sell])));
        _pending.Add(new PendingLeg(take, buy, Side.Buy, buyLots, time, time + _latency.OrderEntry(), Mid(buy, books[buy])));
    }

    /// <summary>A message of <paramref name="venue"/> received at <paramref name="time"/> is about to change its book: legs there that have arrived cross it first.</summary>
    internal void Arrive(int venue, long time, OrderBook book)
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            PendingLeg leg = _pending[i];
            if (leg.Venue != venue || leg.ArrivesAt > time)
            {
                continue;
            }

            _pending.RemoveAt(i--);
            Execute(leg, time, book);
        }
    }

    private void Execute(in PendingLeg leg, long time, OrderBook book)
    {
        ArbitrageVenue venue = _venues[leg.Venue];
        TakerSweep sweep = TakerSweep.Take(book, leg.Side, leg.Lots);
        if (sweep.Lots == 0)
        {
            Unfilled++;
            return;
        }

        double tick = venue.Instrument.TickSize;
        double quoteNotional = venue.IsInverse ? sweep.Lots * venue.FaceValue : sweep.NotionalTicks * tick * venue.Instrument.LotSize;
        double coins = venue.IsInverse ? sweep.InverseTicks * venue.FaceValue / tick : venue.Instrument.ToQuantity(sweep.Lots);
        double average = quoteNotional / coins;
        var execution = new HedgeExecution(
            leg.DecidedAt, time, leg.Side, venue.Coins(leg.Lots, sweep.TouchTicks), coins, average, venue.Price(sweep.TouchTicks), leg.MidAtDecision,
            Mid(leg.Venue, book), venue.TakerFee * quoteNotional, sweep.Levels, Beta: 1, BetaError: 0);
        ArbitrageTake take = _takes[leg.Take];
        if (leg.Side == Side.Sell)
        {
            take.Sell = execution;
        }
        else
        {
            take.Buy = execution;
        }
    }

    private double Mid(int venue, OrderBook book) => book.Mid * _venues[venue].Instrument.TickSize;

    private readonly record struct PendingLeg(int Take, int Venue, Side Side, long Lots, long DecidedAt, long ArrivesAt, double MidAtDecision);
}
