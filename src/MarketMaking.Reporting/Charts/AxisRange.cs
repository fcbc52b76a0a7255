namespace MarketMaking.Reporting.Charts;

/// <summary>The data interval an axis shows, and the mapping of values onto it.</summary>
internal readonly record struct AxisRange(double Min, double Max)
{
    /// <summary>Padding per side of a y axis, as a fraction of the data span.</summary>
    public const double YPadding = 0.05;

    /// <summary>The x axis spans the data exactly, so time series fill the plot edge to edge.</summary>
    public static AxisRange ForX(double dataMin, double dataMax) =>
        dataMin == dataMax ? AroundValue(dataMin) : new AxisRange(dataMin, dataMax);

    /// <summary>
    /// Pads the data by <see cref="YPadding"/> per side so lines do not run along the frame, without
    /// crossing zero (non-negative data keeps a zero baseline). Pinned limits are used as given.
    /// </summary>
    public static AxisRange ForY(double dataMin, double dataMax, double? pinnedMin, double? pinnedMax)
    {
        AxisRange range;
        if (dataMin == dataMax)
        {
            range = AroundValue(dataMin);
        }
        else
        {
            double pad = (dataMax - dataMin) * YPadding;
            double low = dataMin - pad;
            double high = dataMax + pad;
            range = new AxisRange(dataMin >= 0 && low < 0 ? 0 : low, dataMax <= 0 && high > 0 ? 0 : high);
        }

        double min = pinnedMin ?? range.Min;
        double max = pinnedMax ?? range.Max;
        if (max > min)
        {
            return new AxisRange(min, max);
        }

        // A single pinned limit on the far side of all the data: open the free side by the default width.
        double width = range.Max - range.Min;
        return pinnedMax is null ? new AxisRange(min, min + width) : new AxisRange(max - width, max);
    }

    /// <summary>Position of <paramref name="value"/> along an axis of <paramref name="length"/> pixels, from Min.</summary>
    public double ToPixels(double value, double length) => (value - Min) / (Max - Min) * length;

    // A flat series (or a single point) still needs a non-empty interval: ±10% of the value, or ±1 at zero.
    private static AxisRange AroundValue(double value)
    {
        double delta = value == 0 ? 1 : Math.Abs(value) * 0.1;
        return new AxisRange(value - delta, value + delta);
    }
}
