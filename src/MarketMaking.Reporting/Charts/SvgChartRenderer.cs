using System.Globalization;
using System.Text;

namespace MarketMaking.Reporting.Charts;

/// <summary>
/// Renders a <see cref="ChartSpec"/> as one self-contained SVG element: no scripts, fonts or external
/// references, so it can be inlined into an offline HTML report or saved on its own.
/// </summary>
public static class SvgChartRenderer
{
    // Fixed margins keep pixel positions predictable (and testable); each legend row pushes the plot down.
    private const double MarginLeft = 64;
    private const double MarginRight = 16;
    private const double MarginTop = 32;
    private const double MarginBottom = 44;
    private const double LegendRowHeight = 18;

    // Series are drawn in a nested <svg> whose origin is the plot's top-left corner. Nested SVG viewports
    // clip without needing ids (which could collide between charts on one page); the slack keeps markers
    // and strokes at the data extremes whole while data beyond pinned y limits is still cut off.
    private const double ClipSlack = 6;

    private const double LegendCharWidth = 6.5;
    private const double CoordinateLimit = 1e6;

    public static string Render(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);

        string[] colors = Palette.Assign(spec.Series);
        var sb = new StringBuilder(8192);
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {spec.Width} {spec.Height}\" width=\"{spec.Width}\" height=\"{spec.Height}\"");
        sb.Append(" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"")
            .AppendEscaped(spec.Title).Append("\">");
        sb.Append("<title>").AppendEscaped(spec.Title).Append("</title>");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        sb.Append("<text class=\"title\" x=\"").AppendNumber(spec.Width / 2.0)
            .Append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\" fill=\"#111\">")
            .AppendEscaped(spec.Title).Append("</text>");

        int legendRows = AppendLegend(sb, spec, colors);
        double top = MarginTop + (legendRows * LegendRowHeight);
        double width = Math.Max(1, spec.Width - MarginLeft - MarginRight);
        double height = Math.Max(1, spec.Height - top - MarginBottom);

        DataBounds bounds = DataBounds.Of(spec.Series);
        var map = default(Mapper);
        if (bounds.IsEmpty)
        {
            sb.Append("<text class=\"no-data\" x=\"").AppendNumber(MarginLeft + (width / 2)).Append("\" y=\"").AppendNumber(top + (height / 2))
                .Append("\" text-anchor=\"middle\" fill=\"#888\">no data</text>");
        }
        else
        {
            map = new Mapper(
                AxisRange.ForX(bounds.XMin, bounds.XMax),
                AxisRange.ForY(bounds.YMin, bounds.YMax, spec.YMin, spec.YMax),
                width,
                height);
            AppendGrid(sb, map, top);
        }

        AppendAxes(sb, spec, top, width, height);
        if (!bounds.IsEmpty)
        {
            AppendPlot(sb, spec, colors, map, top);
        }

        return sb.Append("</svg>").ToString();
    }

    private static void Validate(ChartSpec spec)
    {
        if (spec.Width <= 0 || spec.Height <= 0)
        {
            throw new ArgumentException($"Chart '{spec.Title}' needs a positive size, got {spec.Width}x{spec.Height}.", nameof(spec));
        }

        if (spec.YMin is { } pinnedMin && spec.YMax is { } pinnedMax && !(pinnedMax > pinnedMin))
        {
            throw new ArgumentException($"Chart '{spec.Title}': YMax ({pinnedMax}) must exceed YMin ({pinnedMin}).", nameof(spec));
        }

        if (spec.YMin is { } min && !double.IsFinite(min) || spec.YMax is { } max && !double.IsFinite(max))
        {
            throw new ArgumentException($"Chart '{spec.Title}': y limits must be finite.", nameof(spec));
        }

        foreach (ChartSeries series in spec.Series)
        {
            bool lengthsMatch = series switch
            {
                LineSeries line => line.X.Length == line.Y.Length,
                MarkerSeries markers => markers.X.Length == markers.Y.Length,
                BarSeries bars => bars.Centers.Length == bars.Heights.Length,
                BandSeries band => band.X.Length == band.Low.Length && band.X.Length == band.High.Length,
                _ => throw new NotSupportedException($"Unknown series type {series.GetType().Name}."),
            };
            if (!lengthsMatch)
            {
                throw new ArgumentException($"Chart '{spec.Title}', series '{series.Name}': coordinate arrays differ in length.", nameof(spec));
            }
        }
    }

    private static int AppendLegend(StringBuilder sb, ChartSpec spec, string[] colors)
    {
        double right = spec.Width - MarginRight;
        double x = MarginLeft;
        int row = -1;
        for (int i = 0; i < spec.Series.Count; i++)
        {
            ChartSeries series = spec.Series[i];
            if (string.IsNullOrWhiteSpace(series.Name))
            {
                continue;
            }

            double entryWidth = 22 + (series.Name.Length * LegendCharWidth);
            if (row < 0)
            {
                sb.Append("<g class=\"legend\" fill=\"#333\">");
                row = 0;
            }
            else if (x + entryWidth > right)
            {
                row++;
                x = MarginLeft;
            }

            double middle = MarginTop + ((row + 0.5) * LegendRowHeight);
            AppendSwatch(sb, series, colors[i], x, middle);
            sb.Append("<text x=\"").AppendNumber(x + 22).Append("\" y=\"").AppendNumber(middle + 4).Append("\">")
                .AppendEscaped(series.Name).Append("</text>");
            x += entryWidth + 14;
        }

        if (row < 0)
        {
            return 0;
        }

        sb.Append("</g>");
        return row + 1;
    }

    private static void AppendSwatch(StringBuilder sb, ChartSeries series, string color, double x, double middle)
    {
        switch (series)
        {
            case LineSeries line:
                sb.Append("<path d=\"M").AppendNumber(x).Append(',').AppendNumber(middle).Append("h18\" stroke-width=\"2\" stroke=\"").AppendEscaped(color);
                sb.Append(line.Dashed ? "\" stroke-dasharray=\"4 3\"/>" : "\"/>");
                break;
            case MarkerSeries markers:
                sb.Append("<g fill=\"").AppendEscaped(color).Append("\">");
                AppendMarker(sb, markers.Shape, x + 9, middle);
                sb.Append("</g>");
                break;
            default:
                // Bars and bands are areas: a filled box, as opaque as the area itself.
                sb.Append("<rect x=\"").AppendNumber(x).Append("\" y=\"").AppendNumber(middle - 5).Append("\" width=\"18\" height=\"10\" fill=\"")
                    .AppendEscaped(color).Append(series is BandSeries ? "\" fill-opacity=\"0.25\"/>" : "\" fill-opacity=\"0.85\"/>");
                break;
        }
    }

    private static void AppendGrid(StringBuilder sb, Mapper map, double top)
    {
        // Aim for ~6 ticks but fewer on small axes so labels (about 40 px wide) never collide.
        double[] xTicks = NiceTicks.Compute(map.XRange.Min, map.XRange.Max, Math.Clamp((int)(map.Width / 90), 3, NiceTicks.DefaultTarget));
        double[] yTicks = NiceTicks.Compute(map.YRange.Min, map.YRange.Max, Math.Clamp((int)(map.Height / 40), 3, NiceTicks.DefaultTarget));

        sb.Append("<path class=\"grid\" fill=\"none\" stroke=\"#e5e7eb\" d=\"");
        foreach (double tick in xTicks)
        {
            sb.Append('M').AppendNumber(MarginLeft + map.X(tick)).Append(',').AppendNumber(top).Append('v').AppendNumber(map.Height);
        }

        foreach (double tick in yTicks)
        {
            sb.Append('M').AppendNumber(MarginLeft).Append(',').AppendNumber(top + map.Y(tick)).Append('h').AppendNumber(map.Width);
        }

        sb.Append("\"/><g class=\"x-ticks\" text-anchor=\"middle\" fill=\"#555\">");
        foreach (double tick in xTicks)
        {
            sb.Append("<text x=\"").AppendNumber(MarginLeft + map.X(tick)).Append("\" y=\"").AppendNumber(top + map.Height + 15).Append("\">")
                .Append(NumberLabel.Format(tick)).Append("</text>");
        }

        sb.Append("</g><g class=\"y-ticks\" text-anchor=\"end\" fill=\"#555\">");
        foreach (double tick in yTicks)
        {
            sb.Append("<text x=\"").AppendNumber(MarginLeft - 6).Append("\" y=\"").AppendNumber(top + map.Y(tick) + 4).Append("\">")
                .Append(NumberLabel.Format(tick)).Append("</text>");
        }

        sb.Append("</g>");
    }

    private static void AppendAxes(StringBuilder sb, ChartSpec spec, double top, double width, double height)
    {
        sb.Append("<path class=\"axes\" fill=\"none\" stroke=\"#9ca3af\" d=\"M").AppendNumber(MarginLeft).Append(',').AppendNumber(top)
            .Append('V').AppendNumber(top + height).Append('H').AppendNumber(MarginLeft + width).Append("\"/>");
        sb.Append("<text class=\"x-label\" x=\"").AppendNumber(MarginLeft + (width / 2)).Append("\" y=\"").AppendNumber(spec.Height - 8)
            .Append("\" text-anchor=\"middle\" fill=\"#333\">").AppendEscaped(spec.XLabel).Append("</text>");
        sb.Append("<text class=\"y-label\" transform=\"translate(14,").AppendNumber(top + (height / 2))
            .Append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">").AppendEscaped(spec.YLabel).Append("</text>");
    }

    private static void AppendPlot(StringBuilder sb, ChartSpec spec, string[] colors, Mapper map, double top)
    {
        double viewWidth = map.Width + (2 * ClipSlack);
        double viewHeight = map.Height + (2 * ClipSlack);
        sb.Append("<svg class=\"plot\" x=\"").AppendNumber(MarginLeft - ClipSlack).Append("\" y=\"").AppendNumber(top - ClipSlack)
            .Append("\" width=\"").AppendNumber(viewWidth).Append("\" height=\"").AppendNumber(viewHeight)
            .Append("\" viewBox=\"").AppendNumber(-ClipSlack).Append(' ').AppendNumber(-ClipSlack).Append(' ')
            .AppendNumber(viewWidth).Append(' ').AppendNumber(viewHeight).Append("\">");

        // Areas first so lines and markers stay visible on top of them, whatever the series order.
        for (int i = 0; i < colors.Length; i++)
        {
            if (spec.Series[i] is BandSeries band)
            {
                AppendBand(sb, band, colors[i], map);
            }
        }

        for (int i = 0; i < colors.Length; i++)
        {
            if (spec.Series[i] is BarSeries bars)
            {
                AppendBars(sb, bars, colors[i], map);
            }
        }

        for (int i = 0; i < colors.Length; i++)
        {
            if (spec.Series[i] is LineSeries line)
            {
                AppendLine(sb, line, colors[i], map);
            }
        }

        for (int i = 0; i < colors.Length; i++)
        {
            if (spec.Series[i] is MarkerSeries markers)
            {
                AppendMarkers(sb, markers, colors[i], map);
            }
        }

        sb.Append("</svg>");
    }

    private static void AppendLine(StringBuilder sb, LineSeries line, string color, Mapper map)
    {
        sb.Append("<g class=\"line\" fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke=\"").AppendEscaped(color)
            .Append(line.Dashed ? "\" stroke-dasharray=\"6 4\">" : "\">");
        double[] xs = line.X;
        double[] ys = line.Y;
        int i = 0;
        while (i < xs.Length)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < xs.Length && double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
            {
                i++;
            }

            if (i - start == 1)
            {
                // A lone point has no length to stroke, so it would be invisible as a polyline.
                sb.Append("<circle class=\"dot\" r=\"2\" stroke=\"none\" fill=\"").AppendEscaped(color).Append("\" cx=\"")
                    .AppendNumber(map.X(xs[start])).Append("\" cy=\"").AppendNumber(map.Y(ys[start])).Append("\"/>");
                continue;
            }

            sb.Append("<polyline points=\"").AppendNumber(map.X(xs[start])).Append(',').AppendNumber(map.Y(ys[start]));
            for (int j = start + 1; j < i; j++)
            {
                double x = map.X(xs[j]);
                if (line.Step)
                {
                    sb.Append(' ').AppendNumber(x).Append(',').AppendNumber(map.Y(ys[j - 1]));
                }

                sb.Append(' ').AppendNumber(x).Append(',').AppendNumber(map.Y(ys[j]));
            }

            sb.Append("\"/>");
        }

        sb.Append("</g>");
    }

    private static void AppendMarkers(StringBuilder sb, MarkerSeries markers, string color, Mapper map)
    {
        sb.Append("<g class=\"markers\" fill=\"").AppendEscaped(color).Append("\">");
        for (int i = 0; i < markers.X.Length; i++)
        {
            if (double.IsFinite(markers.X[i]) && double.IsFinite(markers.Y[i]))
            {
                AppendMarker(sb, markers.Shape, map.X(markers.X[i]), map.Y(markers.Y[i]));
            }
        }

        sb.Append("</g>");
    }

    private static void AppendMarker(StringBuilder sb, MarkerShape shape, double x, double y)
    {
        switch (shape)
        {
            case MarkerShape.TriangleUp:
                sb.Append("<path d=\"M").AppendNumber(x).Append(',').AppendNumber(y - 5).Append("l4.5,8h-9z\"/>");
                break;
            case MarkerShape.TriangleDown:
                sb.Append("<path d=\"M").AppendNumber(x).Append(',').AppendNumber(y + 5).Append("l4.5,-8h-9z\"/>");
                break;
            default:
                sb.Append("<circle cx=\"").AppendNumber(x).Append("\" cy=\"").AppendNumber(y).Append("\" r=\"3.5\"/>");
                break;
        }
    }

    private static void AppendBars(StringBuilder sb, BarSeries bars, string color, Mapper map)
    {
        // 90% of the centre spacing leaves a hairline gap between neighbouring bars.
        double half = DataBounds.BarSpacing(bars.Centers) * 0.45;
        double zero = Pixel(map.Y(0));
        sb.Append("<g class=\"bars\" fill-opacity=\"0.85\" fill=\"").AppendEscaped(color).Append("\">");
        for (int i = 0; i < bars.Centers.Length; i++)
        {
            double center = bars.Centers[i];
            double value = bars.Heights[i];
            if (!double.IsFinite(center) || !double.IsFinite(value))
            {
                continue;
            }

            // Edges are rounded before taking differences so adjacent bars line up exactly.
            double left = Pixel(map.X(center - half));
            double right = Pixel(map.X(center + half));
            double end = Pixel(map.Y(value));
            sb.Append("<rect x=\"").AppendNumber(left).Append("\" y=\"").AppendNumber(Math.Min(end, zero))
                .Append("\" width=\"").AppendNumber(right - left).Append("\" height=\"").AppendNumber(Math.Abs(zero - end)).Append("\"/>");
        }

        sb.Append("</g>");
    }

    private static void AppendBand(StringBuilder sb, BandSeries band, string color, Mapper map)
    {
        sb.Append("<g class=\"band\" fill-opacity=\"0.2\" fill=\"").AppendEscaped(color).Append("\">");
        int i = 0;
        while (i < band.X.Length)
        {
            int start = i;
            while (i < band.X.Length && double.IsFinite(band.X[i]) && double.IsFinite(band.Low[i]) && double.IsFinite(band.High[i]))
            {
                i++;
            }

            // One polygon per finite run: along the top edge, then back along the bottom edge.
            if (i - start >= 2)
            {
                sb.Append("<polygon points=\"");
                for (int j = start; j < i; j++)
                {
                    sb.AppendNumber(map.X(band.X[j])).Append(',').AppendNumber(map.Y(band.High[j])).Append(' ');
                }

                for (int j = i - 1; j >= start; j--)
                {
                    sb.AppendNumber(map.X(band.X[j])).Append(',').AppendNumber(map.Y(band.Low[j]));
                    sb.Append(j > start ? " " : "\"/>");
                }
            }

            i = Math.Max(i, start + 1);
        }

        sb.Append("</g>");
    }

    // 0.1 px is finer than any screen shows and keeps files small; the clamp stops data far outside
    // pinned limits from writing huge numbers.
    private static double Pixel(double value) => Math.Round(Math.Clamp(value, -CoordinateLimit, CoordinateLimit), 1);

    // Formats as whole tenths with integer appends: several times faster than a "0.#" format string on
    // the per-point path, culture-free (the sign is written here), and never prints "-0".
    private static StringBuilder AppendNumber(this StringBuilder sb, double value)
    {
        long tenths = (long)Math.Round(Math.Clamp(value, -CoordinateLimit, CoordinateLimit) * 10);
        if (tenths < 0)
        {
            sb.Append('-');
            tenths = -tenths;
        }

        sb.Append(tenths / 10);
        long fraction = tenths % 10;
        return fraction == 0 ? sb : sb.Append('.').Append((char)('0' + fraction));
    }

    /// <summary>Data → plot coordinates, relative to the plot's top-left corner (y grows downwards).</summary>
    private readonly record struct Mapper(AxisRange XRange, AxisRange YRange, double Width, double Height)
    {
        public double X(double value) => XRange.ToPixels(value, Width);

        public double Y(double value) => Height - YRange.ToPixels(value, Height);
    }
}
