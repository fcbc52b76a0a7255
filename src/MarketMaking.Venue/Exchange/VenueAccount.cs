using MarketMaking.Core.Orders;

namespace MarketMaking.Venue.Exchange;

/// <summary>
/// The test account: a USDT balance and one linear perpetual position in one-way mode, all in
/// exact decimals. <see cref="Cash"/> is the cash flow (initial − Σ side·qty·price − fees), exact
/// for any fills; <see cref="WalletBalance"/> is Bybit's (initial + closed PnL − fees), where closed
/// PnL uses the average entry price, as Bybit does. Equity is the same either way:
/// Cash + position·mark = WalletBalance + position·(mark − average entry).
/// </summary>
internal sealed class VenueAccount
{
    // Average prices keep this many decimals (Bybit shows 8); cash and position stay exact.
    private const int PriceDecimals = 10;

    public VenueAccount(decimal initialBalance)
    {
        Initial = initialBalance;
        Cash = initialBalance;
    }

    public decimal Initial { get; }

    /// <summary>initial − Σ side·qty·price − Σ fees, exact.</summary>
    public decimal Cash { get; private set; }

    /// <summary>Signed position (positive long), exact.</summary>
    public decimal Position { get; private set; }

    /// <summary>Average entry price of the position (0 when flat).</summary>
    public decimal AverageEntry { get; private set; }

    /// <summary>Σ PnL of closing fills, (exit − average entry) × closed size, before fees.</summary>
    public decimal ClosedPnl { get; private set; }

    /// <summary>Σ fees paid (negative: rebates received).</summary>
    public decimal Fees { get; private set; }

    /// <summary>Closed PnL − fees since the position was last flat (Bybit's curRealisedPnl).</summary>
    public decimal CurrentRealised { get; private set; }

    /// <summary>Bybit's cumRealisedPnl: all closed PnL net of all fees.</summary>
    public decimal CumulativeRealised => ClosedPnl - Fees;

    /// <summary>Bybit's walletBalance: initial + closed PnL − fees.</summary>
    public decimal WalletBalance => Initial + CumulativeRealised;

    /// <summary>Cross sequence of the last fill (-1: never traded).</summary>
    public long Sequence { get; set; } = -1;

    public long UpdatedTime { get; set; }

    public decimal UnrealisedPnl(decimal mark) => Position * (mark - AverageEntry);

    /// <summary>Books one fill; returns the size it closed and the PnL of that part (before fees).</summary>
    public (decimal ClosedSize, decimal Pnl) Apply(Side side, decimal quantity, decimal price, decimal fee)
    {
        decimal signed = side == Side.Buy ? quantity : -quantity;
        Cash -= (signed * price) + fee;
        Fees += fee;
        bool wasFlat = Position == 0;
        if (Position == 0 || Math.Sign(Position) == Math.Sign(signed))
        {
            decimal size = Math.Abs(Position);
            AverageEntry = Math.Round(((size * AverageEntry) + (quantity * price)) / (size + quantity), PriceDecimals);
            Position += signed;
            CurrentRealised = (wasFlat ? 0 : CurrentRealised) - fee;
            return (0, 0);
        }

        decimal closed = Math.Min(quantity, Math.Abs(Position));
        decimal pnl = closed * (price - AverageEntry) * Math.Sign(Position);
        ClosedPnl += pnl;
        CurrentRealised += pnl - fee;
        Position += signed;
        if (Position == 0)
        {
            AverageEntry = 0;
        }
        else if (quantity > closed)
        {
            // The fill turned the position around: the rest opened at this price.
            AverageEntry = price;
            CurrentRealised = 0;
        }

        return (closed, pnl);
    }
}
