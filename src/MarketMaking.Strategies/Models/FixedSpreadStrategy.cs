using MarketMaking.Core.Quoting;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// A constant spread in basis points of the mid, shifted against inventory, name "fixed":
/// half = mid·spread_bps/20 000, centre = mid − skew_factor·(q/Q)·half, quotes centre ∓ half;
/// at q ≥ Q no bid, at q ≤ −Q no ask (q in order sizes).
/// </summary>
public sealed class FixedSpreadStrategy : IQuotingStrategy, IInventoryLimited
{
    private const double BasisPointsPerHalfSpread = 20_000;

    private readonly double _halfSpreadPerMid;
    private readonly double _skewPerInventory;

    public FixedSpreadStrategy(FixedSpreadParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        _halfSpreadPerMid = parameters.SpreadBps / BasisPointsPerHalfSpread;
        _skewPerInventory = parameters.SkewFactor / parameters.MaxInventory;
    }

    public FixedSpreadParameters Parameters { get; }

    public string Name => "fixed";

    public double InventoryLimit => Parameters.MaxInventory * Parameters.OrderQuantity;

    /// <summary>Seconds between requotes (config key <c>update_freq</c>); the run loop honours it.</summary>
    public double UpdateInterval => Parameters.UpdateInterval;

    public QuoteDecision Decide(in QuoteContext context)
    {
        var q = context.Inventory / Parameters.OrderQuantity;
        var half = context.Mid * _halfSpreadPerMid;
        var centre = context.Mid - (_skewPerInventory * q * half);
        var bid = q >= Parameters.MaxInventory ? double.NaN : centre - half;
        var ask = q <= -Parameters.MaxInventory ? double.NaN : centre + half;
        return QuoteDecision.TwoSided(bid, ask, Parameters.OrderQuantity);
    }
}
