using MarketMaking.Core.Errors;
using MarketMaking.Core.Orders;
using MarketMaking.Core.Quoting;
using MarketMaking.Signals.Features;

namespace MarketMaking.Strategies;

/// <summary>
/// Multi-level quotes and inventory-shaped sizes for any strategy: the inner strategy's best bid and
/// ask stay as level 0; each extra level sits <see cref="QuoteLevelSpec.OffsetTicks"/> further from
/// the mid with <see cref="QuoteLevelSpec.SizeFactor"/> times the size; every bid size is scaled by
/// e^(−η·q) and every ask size by e^(+η·q), q in order sizes, so the side that grows the position
/// shrinks (the other side grows, but its levels together never quote more than flattens the position).
/// </summary>
public sealed class QuoteShaping : IQuotingStrategy, IReadsMarketFeatures, IInventoryLimited
{
    private readonly IQuotingStrategy _inner;
    private readonly QuoteLevelSpec[] _levels;
    private readonly double _tick;
    private readonly double _sizeSkew;
    private readonly double _orderQuantity;

    // 1 + the extra levels' size factors: what one unit of scale quotes on a side, in best-quote sizes.
    private readonly double _sizePerScale;

    public QuoteShaping(IQuotingStrategy inner, IReadOnlyList<QuoteLevelSpec> extraLevels, double sizeSkew, double tick, double orderQuantity)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(extraLevels);
        if (extraLevels.Count + 1 > QuoteDecision.MaxLevels)
        {
            throw new InvalidParameterException("levels", $"at most {QuoteDecision.MaxLevels - 1} extra levels");
        }

        foreach (QuoteLevelSpec level in extraLevels)
        {
            InvalidParameterException.RequirePositive("levels.offset", level.OffsetTicks);
            InvalidParameterException.RequirePositive("levels.size", level.SizeFactor);
        }

        _inner = inner;
        _levels = [.. extraLevels.OrderBy(l => l.OffsetTicks)];
        _sizePerScale = 1 + _levels.Sum(l => l.SizeFactor);
        _sizeSkew = InvalidParameterException.RequireNonNegative("size_skew", sizeSkew);
        _tick = InvalidParameterException.RequirePositive("tick", tick);
        _orderQuantity = InvalidParameterException.RequirePositive("order_size", orderQuantity);
        Name = inner.Name;
    }

    public string Name { get; }

    /// <summary>The inner strategy's limit: shaping never quotes a side the inner strategy withdrew.</summary>
    public double InventoryLimit => IInventoryLimited.Of(_inner);

    /// <summary>What the inner strategy reads (a guard inside keeps its features).</summary>
    public MarketFeatureSettings? FeatureSettings => (_inner as IReadsMarketFeatures)?.FeatureSettings;

    public QuoteDecision Decide(in QuoteContext context)
    {
        QuoteDecision inner = _inner.Decide(in context);
        double q = context.Inventory / _orderQuantity;

        var shaped = default(QuoteDecision);
        Shape(ref shaped, inner, Side.Buy, Scale(Math.Exp(-_sizeSkew * q), q));
        Shape(ref shaped, inner, Side.Sell, Scale(Math.Exp(_sizeSkew * q), q));
        return shaped;
    }

    /// <summary>
    /// The reducing side grows with e^(η|q|), but all its levels together never quote more than
    /// flattens the position: unbounded, a large position would overshoot to the other side and grow.
    /// </summary>
    private double Scale(double factor, double q)
    {
        if (factor <= 1)
        {
            return factor;
        }

        return Math.Min(factor, Math.Max(1, Math.Abs(q) / _sizePerScale));
    }

    private void Shape(ref QuoteDecision shaped, in QuoteDecision inner, Side side, double scale)
    {
        if (inner.Count(side) == 0)
        {
            return;
        }

        QuoteLevel best = inner.Levels(side)[0];
        double away = side == Side.Buy ? -_tick : _tick;
        shaped.Add(side, best.Price, best.Quantity * scale);
        foreach (QuoteLevelSpec level in _levels)
        {
            shaped.Add(side, best.Price + (away * level.OffsetTicks), best.Quantity * level.SizeFactor * scale);
        }
    }
}
