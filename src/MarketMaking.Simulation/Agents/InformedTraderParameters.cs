using MarketMaking.Core.Errors;

namespace MarketMaking.Simulation.Agents;

/// <summary>
/// Traders who see the fundamental value and take liquidity when the book is mispriced: they buy
/// when the best ask is below value by more than the threshold, sell when the best bid is above it.
/// The source of adverse selection.
/// </summary>
public sealed record InformedTraderParameters
{
    /// <summary>Arrivals per second.</summary>
    public double Rate { get; init; } = 0.5;

    /// <summary>How far (price units) the touch must be from value before they trade.</summary>
    public double Threshold { get; init; }

    /// <summary>Lots per market order, before the mispricing term.</summary>
    public long Size { get; init; } = 2;

    /// <summary>Extra lots per tick of mispricing: the further the book is from value, the harder they trade.</summary>
    public double SizePerTick { get; init; }

    internal void Validate()
    {
        InvalidParameterException.RequireNonNegative("informed.rate", Rate);
        InvalidParameterException.RequireNonNegative("informed.threshold", Threshold);
        if (Size < 1)
        {
            throw new InvalidParameterException("informed.size", $"must be at least 1 lot, got {Size}");
        }

        InvalidParameterException.RequireNonNegative("informed.size_per_tick", SizePerTick);
    }
}
