using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Risk;

/// <summary>Limits every order must pass. Infinity switches a limit off.</summary>
public sealed record RiskLimits
{
    /// <summary>Q_max: largest absolute position (instrument units), counting every open order as if filled.</summary>
    public double MaxPosition { get; init; } = double.PositiveInfinity;

    /// <summary>Largest quantity of one order.</summary>
    public double MaxOrderQuantity { get; init; } = double.PositiveInfinity;

    /// <summary>Largest distance of an order's price from the mid, as a fraction of the mid (0.05 = 5%).</summary>
    public double PriceBand { get; init; } = double.PositiveInfinity;

    /// <summary>Kill switch: stop quoting for the rest of the run once net PnL falls below −MaxLoss.</summary>
    public double MaxLoss { get; init; } = double.PositiveInfinity;

    /// <summary>Largest price × quantity of one order (quote currency).</summary>
    public double MaxOrderNotional { get; init; } = double.PositiveInfinity;

    /// <summary>Most of our orders open at once, both sides together.</summary>
    public double MaxOpenOrders { get; init; } = double.PositiveInfinity;

    /// <summary>Most new orders sent in any second of market time (at least 1).</summary>
    public double MaxOrderRate { get; init; } = double.PositiveInfinity;

    public static RiskLimits None { get; } = new();

    public RiskLimits Validate()
    {
        RequirePositiveOrInfinite("max_position", MaxPosition);
        RequirePositiveOrInfinite("max_order_size", MaxOrderQuantity);
        RequirePositiveOrInfinite("price_band", PriceBand);
        RequirePositiveOrInfinite("max_loss", MaxLoss);
        RequirePositiveOrInfinite("max_order_notional", MaxOrderNotional);
        RequireWholeOrInfinite("max_open_orders", MaxOpenOrders, 1);
        RequireWholeOrInfinite("max_order_rate", MaxOrderRate, 1);
        return this;
    }

    private static void RequireWholeOrInfinite(string name, double value, double least)
    {
        if (!(value >= least) || (double.IsFinite(value) && value != Math.Floor(value)))
        {
            throw new InvalidParameterException(name, $"must be a whole number of at least {least} (or infinite to switch it off), got {value}");
        }
    }

    private static void RequirePositiveOrInfinite(string name, double value)
    {
        if (!(value > 0))
        {
            throw new InvalidParameterException(name, $"must be positive (or infinite to switch it off), got {value}");
        }
    }
}
