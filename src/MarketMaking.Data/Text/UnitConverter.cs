namespace MarketMaking.Data.Text;

/// <summary>
/// Converts price and quantity text to ticks and lots of one instrument. In inference mode it
/// instead records the most decimals seen, from which the reader builds the instrument's grids.
/// </summary>
internal sealed class UnitConverter
{
    // Beyond this many decimals a price of a few million no longer fits a long of ticks.
    private const int MaxInferredDecimals = 12;

    private UnitConverter(DecimalGrid price, DecimalGrid quantity, bool inferring)
    {
        PriceGrid = price;
        QuantityGrid = quantity;
        IsInferring = inferring;
    }

    public DecimalGrid PriceGrid { get; }

    public DecimalGrid QuantityGrid { get; }

    public bool IsInferring { get; }

    /// <summary>Most decimals seen in a price (−1: none seen yet); inference mode only.</summary>
    public int PriceDecimals { get; private set; } = -1;

    /// <summary>Most decimals seen in a quantity (−1: none seen yet); inference mode only.</summary>
    public int QuantityDecimals { get; private set; } = -1;

    public static UnitConverter For(double tickSize, double lotSize) =>
        new(DecimalGrid.FromStep(tickSize), DecimalGrid.FromStep(lotSize), inferring: false);

    public static UnitConverter Inferring() => new(default, default, inferring: true);

    /// <summary>A price in ticks; a price of zero or below is reported as such (every format these readers read quotes positive prices).</summary>
    public NumberStatus Price(ReadOnlySpan<byte> text, out long ticks)
    {
        if (!DecimalText.TryParse(text, out long mantissa, out int decimals))
        {
            ticks = 0;
            return NumberStatus.Unparsable;
        }

        if (mantissa <= 0)
        {
            ticks = 0;
            return NumberStatus.NotPositive;
        }

        if (IsInferring)
        {
            PriceDecimals = Math.Max(PriceDecimals, Math.Min(decimals, MaxInferredDecimals));
            ticks = mantissa;
            return NumberStatus.Ok;
        }

        return PriceGrid.TryToUnits(mantissa, decimals, out ticks) ? NumberStatus.Ok : NumberStatus.OffGrid;
    }

    /// <summary>A size in lots; negative sizes are reported as such (zero is a level's deletion).</summary>
    public NumberStatus Quantity(ReadOnlySpan<byte> text, out long lots)
    {
        if (!DecimalText.TryParse(text, out long mantissa, out int decimals))
        {
            lots = 0;
            return NumberStatus.Unparsable;
        }

        if (mantissa < 0)
        {
            lots = 0;
            return NumberStatus.Negative;
        }

        if (IsInferring)
        {
            QuantityDecimals = Math.Max(QuantityDecimals, Math.Min(decimals, MaxInferredDecimals));
            lots = mantissa;
            return NumberStatus.Ok;
        }

        return QuantityGrid.TryToUnits(mantissa, decimals, out lots) ? NumberStatus.Ok : NumberStatus.OffGrid;
    }
}
