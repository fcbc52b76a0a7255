using MarketMaking.Core.Errors;
using MarketMaking.Simulation.Engine;
using MarketMaking.Strategies;

namespace MarketMaking.Research.Quoting;

/// <summary>
/// Quoting mechanics any strategy can wear in markets run through the event loop: extra quote
/// levels, inventory-shaped sizes, an order refresh tolerance and a maximum order age.
/// </summary>
public sealed record QuotingMechanics
{
    /// <summary>No mechanics: one level per side, every changed price re-sent, orders never aged out.</summary>
    public static QuotingMechanics None { get; } = new();

    /// <summary>Extra levels beyond the best quote (offset in ticks, size factor).</summary>
    public IReadOnlyList<QuoteLevelSpec> Levels { get; init; } = [];

    /// <summary>η: bid sizes × e^(−η·q), ask sizes × e^(+η·q), q in order sizes.</summary>
    public double SizeSkew { get; init; }

    /// <summary>Ticks a live order may be off the wanted price and still stay (it keeps its queue place).</summary>
    public double RefreshToleranceTicks { get; init; }

    /// <summary>Seconds after which an order is cancelled and sent again; null: never.</summary>
    public double? MaxOrderAge { get; init; }

    /// <summary>The strategy with extra levels and size shaping, when asked for; itself otherwise.</summary>
    public IQuotingStrategy Wrap(IQuotingStrategy strategy, double tick, double orderQuantity) =>
        Levels.Count == 0 && SizeSkew == 0 ? strategy : new QuoteShaping(strategy, Levels, SizeSkew, tick, orderQuantity);

    /// <summary>Run settings with the refresh tolerance (converted from ticks with <paramref name="tick"/>) and the maximum order age.</summary>
    /// <exception cref="InvalidParameterException">The tolerance is negative or the age not positive.</exception>
    public RunSettings Apply(RunSettings settings, double tick)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            RefreshTolerance = InvalidParameterException.RequireNonNegative("refresh-tolerance", RefreshToleranceTicks) * tick,
            MaxOrderAge = MaxOrderAge is { } age ? InvalidParameterException.RequirePositive("max-order-age", age) : double.PositiveInfinity,
        };
    }
}
