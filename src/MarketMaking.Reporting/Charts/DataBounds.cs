namespace MarketMaking.Reporting.Charts;

/// <summary>The extent of every drawable (finite) point across a chart's series.</summary>
internal sealed class DataBounds
{
    public double XMin { get; private set; } = double.PositiveInfinity;

    public double XMax { get; private set; } = double.NegativeInfinity;

    public double YMin { get; private set; } = double.PositiveInfinity;

    public double YMax { get; private set; } = double.NegativeInfinity;

    public bool IsEmpty => XMin > XMax;

    public static DataBounds Of(IReadOnlyList<ChartSeries> series)
    {
        var bounds = new DataBounds();
        foreach (ChartSeries s in series)
        {
            switch (s)
            {
                case LineSeries line:
                    bounds.AddPoints(line.X, line.Y);
                    break;
                case MarkerSeries markers:
                    bounds.AddPoints(markers.X, markers.Y);
                    break;
                case BarSeries bars:
                    bounds.AddBars(bars);
                    break;
                case BandSeries band:
                    bounds.AddBand(band);
                    break;
            }
        }

        return bounds;
    }

    /// <summary>Spacing between bar centres: the smallest positive gap between neighbours, or 1 for a lone bar.</summary>
    public static double BarSpacing(double[] centers)
    {
        double spacing = double.PositiveInfinity;
        for (int i = 1; i < centers.Length; i++)
        {
            double gap = Math.Abs(centers[i] - centers[i - 1]);
            if (gap > 0 && gap < spacing)
            {
                spacing = gap;
            }
        }

        return double.IsFinite(spacing) ? spacing : 1;
    }

    private void AddPoints(double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]))
            {
                Add(x[i], y[i]);
            }
        }
    }

    private void AddBars(BarSeries bars)
    {
        double half = BarSpacing(bars.Centers) / 2;
        for (int i = 0; i < bars.Centers.Length; i++)
        {
            if (double.IsFinite(bars.Centers[i]) && double.IsFinite(bars.Heights[i]))
            {
                // Bars grow from zero, so zero must be on the axis too.
                Add(bars.Centers[i] - half, 0);
                Add(bars.Centers[i] + half, bars.Heights[i]);
            }
        }
    }

    private void AddBand(BandSeries band)
    {
        for (int i = 0; i < band.X.Length; i++)
        {
            if (double.IsFinite(band.X[i]) && double.IsFinite(band.Low[i]) && double.IsFinite(band.High[i]))
            {
                Add(band.X[i], band.Low[i]);
                Add(band.X[i], band.High[i]);
            }
        }
    }

    private void Add(double x, double y)
    {
        XMin = Math.Min(XMin, x);
        XMax = Math.Max(XMax, x);
        YMin = Math.Min(YMin, y);
        YMax = Math.Max(YMax, y);
    }
}
