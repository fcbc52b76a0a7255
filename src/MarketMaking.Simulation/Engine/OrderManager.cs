using MarketMaking.Core.Accounting;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Core.Risk;

namespace MarketMaking.Simulation.Engine;

/// <summary>
/// Turns a strategy's desired quotes into orders: snaps prices and sizes to the instrument's grid,
/// keeps quotes passive (a bid never at or above the market's best ask, an ask never at or below
/// its best bid: our quotes are post-only, so a quote that would cross rests at the best passive
/// price instead), stops the side that would grow the position past the limit, keeps an order
/// whose price and size are unchanged (it keeps its place in the queue), reduces one whose size
/// shrank, cancels the rest and submits what is new through the risk gate.
/// </summary>
public sealed class OrderManager
{
    private const int Capacity = QuoteDecision.MaxLevels;

    private readonly Instrument _instrument;
    private readonly RiskGate _gate;
    private readonly LiveOrder[] _bids = new LiveOrder[Capacity];
    private readonly LiveOrder[] _asks = new LiveOrder[Capacity];
    // One side's snapped levels and which of them a live order already covers, reused by every decision.
    private readonly QuoteLevel[] _desired = new QuoteLevel[Capacity];
    private readonly bool[] _desiredMatched = new bool[Capacity];
    private int _bidCount;
    private int _askCount;

    public OrderManager(Instrument instrument, RiskGate gate)
    {
        _instrument = instrument;
        _gate = gate;
    }

    /// <summary>
    /// An order whose price is within this distance (price units) of a wanted price stays as it is
    /// (keeping its queue place) instead of being replaced; 0 keeps only exact matches.
    /// </summary>
    public double RefreshTolerance { get; init; }

    /// <summary>Orders older than this (market time) are cancelled and sent again; +∞: never.</summary>
    public double MaxOrderAge { get; init; } = double.PositiveInfinity;

    /// <summary>The market's time now; the event loop sets it before each <see cref="Apply"/>.</summary>
    public double Time { get; set; }

    /// <summary>Called with the side of every order accepted and sent.</summary>
    public Action<Side>? OrderSubmitted { get; set; }

    public long Submitted { get; private set; }

    public long Cancelled { get; private set; }

    public long Reduced { get; private set; }

    /// <summary>Quotes moved back to the best passive price because they would have crossed the book.</summary>
    public long ClampedToTouch { get; private set; }

    public ReadOnlySpan<LiveOrder> Live(Side side) => side == Side.Buy ? _bids.AsSpan(0, _bidCount) : _asks.AsSpan(0, _askCount);

    /// <summary>Our best bid, NaN when we have none.</summary>
    public double BestBid => Best(Side.Buy);

    /// <summary>Our best ask, NaN when we have none.</summary>
    public double BestAsk => Best(Side.Sell);

    /// <summary>Our ask minus our bid; NaN when one side is empty.</summary>
    public double QuotedSpread => BestAsk - BestBid;

    /// <param name="decision">What the strategy wants.</param>
    /// <param name="mid">The market's mid (for the risk gate's price band).</param>
    /// <param name="position">Our position now.</param>
    /// <param name="marketBid">The market's best bid; NaN when the market has no book.</param>
    /// <param name="marketAsk">The market's best ask; NaN when the market has no book.</param>
    /// <param name="gateway">Where orders go.</param>
    public void Apply(in QuoteDecision decision, double mid, double position, double marketBid, double marketAsk, IOrderGateway gateway)
    {
        double maxPosition = _gate.Limits.MaxPosition;
        double tick = _instrument.HasPriceGrid ? _instrument.TickSize : 0;
        // On the grid as snapped quotes are (ticks × tick size): ask − tick in floating point can miss
        // a snapped bid at the same price by a bit, which read as crossing and replaced the order.
        ApplySide(Side.Buy, decision.Bids, maxPosition - position, _instrument.SnapBid(marketAsk - tick), mid, position, gateway);
        ApplySide(Side.Sell, decision.Asks, maxPosition + position, _instrument.SnapAsk(marketBid + tick), mid, position, gateway);
    }

    /// <summary>Removes filled quantity from our view of the order.</summary>
    public void OnFill(in Fill fill)
    {
        LiveOrder[] orders = fill.Side == Side.Buy ? _bids : _asks;
        ref int count = ref fill.Side == Side.Buy ? ref _bidCount : ref _askCount;
        for (int i = 0; i < count; i++)
        {
            if (orders[i].Id != fill.OrderId)
            {
                continue;
            }

            double left = orders[i].Quantity - fill.Quantity;
            if (left > _instrument.LotSize * 1e-9)
            {
                orders[i] = orders[i] with { Quantity = left };
            }
            else
            {
                RemoveAt(orders, ref count, i);
            }

            return;
        }
    }

    /// <summary>
    /// Drops an order the exchange no longer has (refused, expired, cancelled by the venue, or never
    /// sent) from our view without cancelling it, so the next decision quotes afresh; false when it
    /// is not in the view.
    /// </summary>
    public bool Forget(long orderId)
    {
        for (int s = 0; s < 2; s++)
        {
            LiveOrder[] orders = s == 0 ? _bids : _asks;
            ref int count = ref s == 0 ? ref _bidCount : ref _askCount;
            for (int i = 0; i < count; i++)
            {
                if (orders[i].Id == orderId)
                {
                    RemoveAt(orders, ref count, i);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Takes an order that is already resting (found at the exchange, not sent by this manager) into
    /// the view, so the next decision keeps, reduces or cancels it like one of its own; false when
    /// the side is full.
    /// </summary>
    public bool Adopt(long orderId, Side side, double price, double quantity)
    {
        LiveOrder[] orders = side == Side.Buy ? _bids : _asks;
        ref int count = ref side == Side.Buy ? ref _bidCount : ref _askCount;
        if (count == Capacity)
        {
            return false;
        }

        orders[count++] = new LiveOrder(orderId, price, quantity, Time);
        return true;
    }

    public void CancelAll(IOrderGateway gateway)
    {
        CancelAll(_bids, ref _bidCount, gateway);
        CancelAll(_asks, ref _askCount, gateway);
    }

    private void ApplySide(Side side, ReadOnlySpan<QuoteLevel> levels, double capacity, double passiveLimit, double mid, double position, IOrderGateway gateway)
    {
        Span<QuoteLevel> desired = _desired;
        int desiredCount = Snap(side, levels, capacity, passiveLimit, desired);
        Span<bool> desiredMatched = _desiredMatched.AsSpan(0, desiredCount);
        desiredMatched.Clear();

        LiveOrder[] orders = side == Side.Buy ? _bids : _asks;
        ref int count = ref side == Side.Buy ? ref _bidCount : ref _askCount;

        // Keep or reduce live orders that already sit at (or within the tolerance of) a desired
        // price and are not too old; cancel the others.
        for (int i = count - 1; i >= 0; i--)
        {
            int match = Time - orders[i].Submitted < MaxOrderAge ? FindNearest(desired[..desiredCount], desiredMatched, orders[i].Price) : -1;
            if (match >= 0 && desired[match].Quantity <= orders[i].Quantity)
            {
                desiredMatched[match] = true;
                if (desired[match].Quantity < orders[i].Quantity)
                {
                    gateway.Reduce(orders[i].Id, desired[match].Quantity);
                    orders[i] = orders[i] with { Quantity = desired[match].Quantity };
                    Reduced++;
                }

                continue;
            }

            gateway.Cancel(orders[i].Id);
            Cancelled++;
            RemoveAt(orders, ref count, i);
        }

        double open = 0;
        for (int i = 0; i < count; i++)
        {
            open += orders[i].Quantity;
        }

        for (int j = 0; j < desiredCount; j++)
        {
            if (desiredMatched[j])
            {
                continue;
            }

            QuoteLevel level = desired[j];
            if (_gate.Check(side, level.Price, level.Quantity, mid, position, open, _bidCount + _askCount, Time) != RejectReason.None)
            {
                continue;
            }

            long id = gateway.Submit(side, level.Price, level.Quantity);
            orders[count++] = new LiveOrder(id, level.Price, level.Quantity, Time);
            open += level.Quantity;
            Submitted++;
            OrderSubmitted?.Invoke(side);
        }
    }

    /// <summary>
    /// Snaps levels to the grid (bids down, asks up, sizes down to whole lots), keeps them passive
    /// (a bid at most <paramref name="passiveLimit"/>, an ask at least it; NaN: no book, no limit)
    /// and caps their total size at the room left under the position limit; returns how many remain.
    /// </summary>
    private int Snap(Side side, ReadOnlySpan<QuoteLevel> levels, double capacity, double passiveLimit, Span<QuoteLevel> desired)
    {
        int count = 0;
        foreach (QuoteLevel level in levels)
        {
            if (double.IsNaN(level.Price) || !(capacity > 0))
            {
                continue;
            }

            double quantity = _instrument.SnapQuantity(Math.Min(level.Quantity, capacity));
            if (!(quantity > 0))
            {
                continue;
            }

            double price = side == Side.Buy ? _instrument.SnapBid(level.Price) : _instrument.SnapAsk(level.Price);
            bool crosses = side == Side.Buy ? price > passiveLimit : price < passiveLimit;
            if (crosses)
            {
                price = passiveLimit;
                ClampedToTouch++;
            }

            if (FindUnmatched(desired[..count], default, price) >= 0)
            {
                continue; // two levels snapped to one price: the first (best) one stands
            }

            desired[count++] = new QuoteLevel(price, quantity);
            capacity -= quantity;
        }

        return count;
    }

    private double Best(Side side)
    {
        double best = double.NaN;
        foreach (LiveOrder order in Live(side))
        {
            bool better = side == Side.Buy ? order.Price > best : order.Price < best;
            best = double.IsNaN(best) || better ? order.Price : best;
        }

        return best;
    }

    /// <summary>The unmatched desired level nearest to <paramref name="price"/> within the refresh tolerance, or −1.</summary>
    private int FindNearest(ReadOnlySpan<QuoteLevel> desired, ReadOnlySpan<bool> matched, double price)
    {
        int best = -1;
        for (int j = 0; j < desired.Length; j++)
        {
            double distance = Math.Abs(desired[j].Price - price);
            if (!matched[j] && distance <= RefreshTolerance && (best < 0 || distance < Math.Abs(desired[best].Price - price)))
            {
                best = j;
            }
        }

        return best;
    }

    private static int FindUnmatched(ReadOnlySpan<QuoteLevel> desired, ReadOnlySpan<bool> matched, double price)
    {
        for (int j = 0; j < desired.Length; j++)
        {
            if (desired[j].Price == price && (matched.IsEmpty || !matched[j]))
            {
                return j;
            }
        }

        return -1;
    }

    private void CancelAll(LiveOrder[] orders, ref int count, IOrderGateway gateway)
    {
        for (int i = 0; i < count; i++)
        {
            gateway.Cancel(orders[i].Id);
            Cancelled++;
        }

        count = 0;
    }

    private static void RemoveAt(LiveOrder[] orders, ref int count, int index)
    {
        Array.Copy(orders, index + 1, orders, index, count - index - 1);
        count--;
    }
}
