using MarketMaking.Core.Orders;

namespace MarketMaking.Core.Risk;

/// <summary>
/// Checks every order before it reaches the exchange and keeps count of what it refused; trips a
/// kill switch on a loss limit. A refused order is reported, never silently dropped.
/// </summary>
public sealed class RiskGate
{
    private readonly long[] _rejections = new long[Enum.GetValues<RejectReason>().Length];

    public RiskGate(RiskLimits limits)
    {
        Limits = limits.Validate();
    }

    public RiskLimits Limits { get; }

    public bool IsKilled { get; private set; }

    /// <summary>Why quoting stopped, or null while it runs.</summary>
    public string? KillReason { get; private set; }

    /// <summary>Time at which the kill switch tripped (NaN while it has not).</summary>
    public double KilledAt { get; private set; } = double.NaN;

    public long TotalRejections { get; private set; }

    public long Rejections(RejectReason reason) => _rejections[(int)reason];

    /// <summary>
    /// Checks one new order. <paramref name="openSameSide"/> is the quantity already resting on the
    /// order's side, which counts toward the position limit as if it were filled.
    /// </summary>
    public RejectReason Check(Side side, double price, double quantity, double mid, double position, double openSameSide)
    {
        RejectReason reason = Evaluate(side, price, quantity, mid, position, openSameSide);
        if (reason != RejectReason.None)
        {
            _rejections[(int)reason]++;
            TotalRejections++;
        }

        return reason;
    }

    /// <summary>Feeds the run's net PnL; returns true when this call trips the kill switch.</summary>
    public bool OnPnl(double time, double netPnl)
    {
        if (IsKilled || !(netPnl < -Limits.MaxLoss))
        {
            return false;
        }

        IsKilled = true;
        KilledAt = time;
        KillReason = FormattableString.Invariant($"max loss: net PnL {netPnl:F2} fell below -{Limits.MaxLoss:G} at t={time:G6}");
        return true;
    }

    private RejectReason Evaluate(Side side, double price, double quantity, double mid, double position, double openSameSide)
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

        return RejectReason.None;
    }

    // Relative slack for binary round-off in quantities summed from lots.
    private const double Tolerance = 1e-9;
}
