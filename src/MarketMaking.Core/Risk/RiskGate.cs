using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Risk;

/// <summary>
/// Checks every order before it reaches the exchange and keeps count of what it refused; trips a
/// kill switch on a loss limit. A refused order is reported, never silently dropped.
/// </summary>
public sealed class RiskGate
{
    private readonly long[] _rejections = new long[Enum.GetValues<RejectReason>().Length];

    // Times of the last MaxOrderRate orders accepted (a ring), for the order-rate limit.
    private readonly double[] _sent;
    private int _sentCount;
    private int _sentNext;

    public RiskGate(RiskLimits limits)
    {
        Limits = limits.Validate();
        _sent = new double[double.IsFinite(Limits.MaxOrderRate) ? (int)Limits.MaxOrderRate : 0];
    }

    public RiskLimits Limits { get; }

    /// <summary>The limits of the portfolio this instrument trades in, checked after the gate's own (none when null).</summary>
    public IPortfolioCheck? Portfolio { get; set; }

    public bool IsKilled { get; private set; }

    /// <summary>Why quoting stopped, or null while it runs.</summary>
    public string? KillReason { get; private set; }

    /// <summary>Time at which the kill switch tripped (NaN while it has not).</summary>
    public double KilledAt { get; private set; } = double.NaN;

    public long TotalRejections { get; private set; }

    public long Rejections(RejectReason reason) => _rejections[(int)reason];

    /// <summary>
    /// Checks one new order. <paramref name="openSameSide"/> is the quantity already resting on the
    /// order's side, which counts toward the position limit as if it were filled;
    /// <paramref name="openOrders"/> how many of our orders are open; <paramref name="time"/> the
    /// market time now (seconds), for the order rate. An accepted order counts as sent.
    /// </summary>
    public RejectReason Check(Side side, double price, double quantity, double mid, double position, double openSameSide, int openOrders = 0, double time = 0)
    {
        RejectReason reason = Evaluate(side, price, quantity, mid, position, openSameSide, openOrders, time);
        if (reason != RejectReason.None)
        {
            _rejections[(int)reason]++;
            TotalRejections++;
        }
        else if (_sent.Length > 0)
        {
            _sent[_sentNext] = time;
            _sentNext = (_sentNext + 1) % _sent.Length;
            _sentCount = Math.Min(_sentCount + 1, _sent.Length);
        }

        return reason;
    }

    /// <summary>Trips the kill switch for a reason found outside the gate (a live session's checks); false when it had already tripped.</summary>
    public bool Kill(double time, string reason)
    {
        if (IsKilled)
        {
            return false;
        }

        IsKilled = true;
        KilledAt = time;
        KillReason = reason;
        return true;
    }

    /// <summary>Feeds the run's net PnL; returns true when this call trips the kill switch.</summary>
    public bool OnPnl(double time, double netPnl)
    {
        return !IsKilled && netPnl < -Limits.MaxLoss
            && Kill(time, FormattableString.Invariant($"max loss: net PnL {netPnl:F2} fell below -{Limits.MaxLoss:G} at t={time:G6}"));
    }

    private RejectReason Evaluate(Side side, double price, double quantity, double mid, double position, double openSameSide, int openOrders, double time)
    {
        if (IsKilled)
        {
            return RejectReason.KillSwitch;
        }

        if (!double.IsFinite(price) || !(quantity > 0))
        {
            return RejectReason.InvalidOrder;
        }

        if (quantity > Limits.MaxOrderQuantity * (1 + Tolerance))
        {
            return RejectReason.OrderTooLarge;
        }

        double worstCase = Math.Abs(position + (side.Sign() * (openSameSide + quantity)));
        if (worstCase > Limits.MaxPosition * (1 + Tolerance) && worstCase > Math.Abs(position))
        {
            return RejectReason.PositionLimit;
        }

        if (Math.Abs(price - mid) > Limits.PriceBand * Math.Abs(mid))
        {
            return RejectReason.PriceBand;
        }

        if (price * quantity > Limits.MaxOrderNotional * (1 + Tolerance))
        {
            return RejectReason.OrderNotional;
        }

        if (openOrders >= Limits.MaxOpenOrders)
        {
            return RejectReason.OpenOrders;
        }

        // The oldest of the last MaxOrderRate orders went out less than a second ago.
        if (_sentCount == _sent.Length && _sent.Length > 0 && time - _sent[_sentNext] < 1)
        {
            return RejectReason.OrderRate;
        }

        return Portfolio is { } portfolio && !portfolio.Allows(position, position + (side.Sign() * (openSameSide + quantity)), mid)
            ? RejectReason.PortfolioLimit
            : RejectReason.None;
    }

    // Relative slack for binary round-off in quantities summed from lots.
    private const double Tolerance = 1e-9;
}
