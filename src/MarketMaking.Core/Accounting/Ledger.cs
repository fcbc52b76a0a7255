using MarketMaking.Core.Collections;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Accounting;

/// <summary>
/// Cash, inventory and PnL of one account, with open inventory kept as FIFO lots so realized PnL
/// and round trips follow the usual first-in-first-out convention. PnL figures are gross of fees;
/// fees are tracked apart (paid, rebated, net) and are in <see cref="Cash"/> and <see cref="Equity"/>.
/// </summary>
public sealed class Ledger
{
    /// <summary>
    /// Quantities below this are binary round-off (0.1 + 0.2 − 0.3), not inventory: a lot this small is
    /// closed. The vectorized model market flattens its inventory with the same bound.
    /// </summary>
    public const double QuantityEpsilon = 1e-12;

    private readonly RingBuffer<OpenLot> _lots = new();
    private long _roundTrips;
    private long _wins;
    private long _losses;
    private double _closedQuantity;
    private double _holdingTimeQuantity;

    public Ledger(double initialCash = 0)
    {
        InitialCash = InvalidParameterException.RequireFinite("initial_cash", initialCash);
        Cash = initialCash;
    }

    public double InitialCash { get; }

    public double Cash { get; private set; }

    /// <summary>Signed inventory: positive long, negative short.</summary>
    public double Position { get; private set; }

    /// <summary>Realized PnL of closed FIFO matches, gross of fees.</summary>
    public double RealizedPnl { get; private set; }

    /// <summary>Sum of positive fees.</summary>
    public double FeesPaid { get; private set; }

    /// <summary>Sum of rebates (negative fees), as a positive number.</summary>
    public double RebatesReceived { get; private set; }

    public double NetFees => FeesPaid - RebatesReceived;

    /// <summary>Total traded quantity, both sides.</summary>
    public double Turnover { get; private set; }

    public long Fills { get; private set; }

    public RoundTripStatistics RoundTrips =>
        new(_roundTrips, _wins, _losses, RealizedPnl, _closedQuantity > 0 ? _holdingTimeQuantity / _closedQuantity : double.NaN);

    /// <summary>Quantity-weighted average entry price of the open lots; NaN when flat.</summary>
    public double AverageEntryPrice
    {
        get
        {
            if (_lots.Count == 0)
            {
                return double.NaN;
            }

            double notional = 0;
            double quantity = 0;
            for (int i = 0; i < _lots.Count; i++)
            {
                ref readonly OpenLot lot = ref _lots[i];
                notional += lot.EntryPrice * Math.Abs(lot.Quantity);
                quantity += Math.Abs(lot.Quantity);
            }

            return notional / quantity;
        }
    }

    /// <summary>PnL of the open lots if closed at <paramref name="mark"/>, gross of fees.</summary>
    public double UnrealizedPnl(double mark)
    {
        double pnl = 0;
        for (int i = 0; i < _lots.Count; i++)
        {
            ref readonly OpenLot lot = ref _lots[i];
            pnl += (mark - lot.EntryPrice) * lot.Quantity;
        }

        return pnl;
    }

    /// <summary>Cash plus inventory valued at <paramref name="mark"/> (net of fees).</summary>
    public double Equity(double mark) => Cash + Position * mark;

    /// <summary>
    /// Starts the account holding <paramref name="quantity"/> (negative: short) bought at
    /// <paramref name="price"/>, so PnL counts only what happens after it. Not a fill: no fee, no
    /// turnover. Only on an account that has not traded.
    /// </summary>
    public void OpenPosition(double quantity, double price, double time)
    {
        if (Fills > 0 || _lots.Count > 0)
        {
            throw new InvalidOperationException("the starting position can only be set before any fill");
        }

        InvalidParameterException.RequireFinite("q0", quantity);
        InvalidParameterException.RequireFinite("initial_price", price);
        Transfer(quantity, price, time);
    }

    /// <summary>
    /// Changes the position by <paramref name="quantity"/> (negative: sold) at <paramref name="price"/>
    /// without a trade of ours: a position taken from the venue in place of the one held. It closes and
    /// opens lots as a fill would (what it closes is realized at that price), but it is not a fill: no
    /// fee, no turnover, not counted among the fills.
    /// </summary>
    public void Transfer(double quantity, double price, double time)
    {
        InvalidParameterException.RequireFinite("quantity", quantity);
        InvalidParameterException.RequireFinite("price", price);
        if (quantity == 0)
        {
            return;
        }

        Cash -= quantity * price;
        Move(Math.Sign(quantity), price, Math.Abs(quantity), time);
    }

    public void Apply(in Fill fill)
    {
        if (!(fill.Quantity > 0) || !double.IsFinite(fill.Quantity))
        {
            throw new ArgumentException($"fill quantity must be positive and finite, got {fill.Quantity}", nameof(fill));
        }

        if (!double.IsFinite(fill.Price) || !double.IsFinite(fill.Fee))
        {
            throw new ArgumentException($"fill price and fee must be finite, got price {fill.Price}, fee {fill.Fee}", nameof(fill));
        }

        int sign = fill.Side.Sign();
        Cash -= sign * fill.Price * fill.Quantity;
        Cash -= fill.Fee;
        if (fill.Fee > 0)
        {
            FeesPaid += fill.Fee;
        }
        else
        {
            RebatesReceived -= fill.Fee;
        }

        Turnover += fill.Quantity;
        Fills++;
        Move(sign, fill.Price, fill.Quantity, fill.Time);
    }

    /// <summary>Moves the position by <paramref name="sign"/> × <paramref name="quantity"/> at <paramref name="price"/>: closes the oldest opposite lots, opens one with the rest.</summary>
    private void Move(int sign, double price, double quantity, double time)
    {
        double remaining = CloseOppositeLots(sign, price, quantity, time);
        if (remaining > 0)
        {
            _lots.Enqueue(new OpenLot(price, sign * remaining, time));
        }

        // Flat means exactly zero, not the round-off left by summing the fills.
        Position = _lots.Count == 0 ? 0 : Position + sign * quantity;
    }

    /// <summary>Matches the fill against the oldest lots of the other side; returns the quantity left to open.</summary>
    private double CloseOppositeLots(int sign, double price, double quantity, double time)
    {
        double remaining = quantity;
        while (remaining > 0 && _lots.Count > 0 && Math.Sign(_lots.Front.Quantity) == -sign)
        {
            ref OpenLot lot = ref _lots.Front;
            double lotQuantity = Math.Abs(lot.Quantity);
            double matched = Math.Min(remaining, lotQuantity);
            RecordRoundTrip(-sign * (price - lot.EntryPrice) * matched, matched, time - lot.EntryTime);

            double lotLeft = lotQuantity - matched;
            if (lotLeft < QuantityEpsilon)
            {
                _lots.Dequeue();
            }
            else
            {
                lot.Quantity = -sign * lotLeft;
            }

            remaining -= matched;
            if (remaining < QuantityEpsilon)
            {
                remaining = 0;
            }
        }

        return remaining;
    }

    private void RecordRoundTrip(double pnl, double quantity, double holdingTime)
    {
        RealizedPnl += pnl;
        _closedQuantity += quantity;
        _holdingTimeQuantity += holdingTime * quantity;
        _roundTrips++;
        if (pnl > 0)
        {
            _wins++;
        }
        else if (pnl < 0)
        {
            _losses++;
        }
    }

    /// <summary>An open lot: signed quantity (positive long) bought or sold at one price.</summary>
    private struct OpenLot(double entryPrice, double quantity, double entryTime)
    {
        public readonly double EntryPrice = entryPrice;
        public double Quantity = quantity;
        public readonly double EntryTime = entryTime;
    }
}
