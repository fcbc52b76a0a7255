using System.Globalization;
using System.Xml.Linq;
using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting.Tests.Charts;

public class SvgChartRendererTests
{
    // Default 640×320 chart without a legend: plot area x 64…624 (560 px), y 32…276 (244 px).
    private const double PlotWidth = 560;
    private const double PlotHeight = 244;

    private static ChartSpec Chart(params ChartSeries[] series) => new("Chart", "x", "y", series);

    private static XElement Plot(ChartSpec spec) => Svg.Plot(Svg.Parse(SvgChartRenderer.Render(spec)));

    [Fact]
    public void RootIsAnSvgElementWithViewBoxAndSize()
    {
        XElement root = Svg.Parse(SvgChartRenderer.Render(Chart(new LineSeries("a", [0, 1], [0, 1])) with { Width = 500, Height = 250 }));

        Assert.Equal(Svg.Ns + "svg", root.Name);
        Assert.Equal("0 0 500 250", (string?)root.Attribute("viewBox"));
        Assert.Equal("500", (string?)root.Attribute("width"));
        Assert.Equal("250", (string?)root.Attribute("height"));
    }

    [Fact]
    public void NonFinitePointsSplitALineIntoSegments()
    {
        double[] x = [0, 1, 2, 3, 4, 5, 6];
        double[] y = [1, 2, double.NaN, 3, 4, double.PositiveInfinity, 5];

        List<XElement> polylines = Plot(Chart(new LineSeries("", x, y))).Descendants(Svg.Ns + "polyline").ToList();
        List<XElement> dots = Svg.WithClass(Plot(Chart(new LineSeries("", x, y))), "dot");

        // Segments {0,1} and {3,4} are polylines; the lone point 6 between ∞ and the end is a dot.
        Assert.Equal(2, polylines.Count);
        Assert.Single(dots);
        Assert.Equal(5, polylines.Sum(p => Svg.Points(p).Count) + dots.Count);
    }

    [Fact]
    public void ExplicitLimitsPutDataExtremesOnThePlotEdges()
    {
        var spec = Chart(new LineSeries("", [0, 10], [0, 10])) with { YMin = 0, YMax = 10 };

        XElement plot = Plot(spec);

        // The clipping viewport is the plot area grown by 6 px on each side, with its origin at the plot's corner.
        Assert.Equal("58", (string?)plot.Attribute("x"));
        Assert.Equal("26", (string?)plot.Attribute("y"));
        Assert.Equal("-6 -6 572 256", (string?)plot.Attribute("viewBox"));
        Assert.Equal([(0.0, PlotHeight), (PlotWidth, 0.0)], Svg.Points(plot.Descendants(Svg.Ns + "polyline").Single()));
    }

    [Fact]
    public void YAxisIsPaddedByFivePercentAndXAxisIsExact()
    {
        // y data [10, 20] → axis [9.5, 20.5]: 10 ↦ 244 − 0.5/11·244 = 232.909…, 15 ↦ 122, 20 ↦ 10.5/11 short of the bottom = 11.09….
        XElement plot = Plot(Chart(new LineSeries("", [0, 5, 10], [10, 15, 20])));

        Assert.Equal([(0.0, 232.9), (280.0, 122.0), (PlotWidth, 11.1)], Svg.Points(plot.Descendants(Svg.Ns + "polyline").Single()));
    }

    [Fact]
    public void NonNegativeDataKeepsAZeroBaseline()
    {
        // y data [0, 10]: padding stops at zero below, so the axis is [0, 10.5] and 0 sits on the bottom edge.
        XElement plot = Plot(Chart(new LineSeries("", [0, 1], [0, 10])));

        Assert.Equal([(0.0, PlotHeight), (PlotWidth, 11.6)], Svg.Points(plot.Descendants(Svg.Ns + "polyline").Single()));
    }

    [Fact]
    public void StepLineGoesHorizontalThenVertical()
    {
        // Axis x [0, 2] and y [0, 2] pinned: 1 unit = 280 px across and 122 px up.
        var spec = Chart(new LineSeries("", [0, 1, 2], [0, 2, 1]) { Step = true }) with { YMin = 0, YMax = 2 };

        List<(double X, double Y)> points = Svg.Points(Plot(spec).Descendants(Svg.Ns + "polyline").Single());

        Assert.Equal([(0.0, 244.0), (280.0, 244.0), (280.0, 0.0), (560.0, 0.0), (560.0, 122.0)], points);
    }

    [Fact]
    public void SinglePointIsCentredDot()
    {
        // A lone point (5, 5) gets the axis 5 ± 10% on both axes, so it lands mid-plot.
        XElement dot = Svg.WithClass(Plot(Chart(new LineSeries("", [5], [5]))), "dot").Single();

        Assert.Equal("280", (string?)dot.Attribute("cx"));
        Assert.Equal("122", (string?)dot.Attribute("cy"));
    }

    [Fact]
    public void FlatLineIsDrawnMidPlotWithFiniteCoordinates()
    {
        string svg = SvgChartRenderer.Render(Chart(new LineSeries("", [0, 1, 2], [0, 0, 0])));

        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.All(Svg.Points(Svg.Plot(Svg.Parse(svg)).Descendants(Svg.Ns + "polyline").Single()), p => Assert.Equal(122.0, p.Y));
    }

    [Fact]
    public void EmptyOrAllNaNSeriesRenderNoDataChart()
    {
        foreach (ChartSpec spec in new[] { Chart(), Chart(new LineSeries("a", [], [])), Chart(new MarkerSeries("b", [double.NaN], [1], MarkerShape.Circle)) })
        {
            XElement root = Svg.Parse(SvgChartRenderer.Render(spec));

            Assert.Equal("no data", Svg.WithClass(root, "no-data").Single().Value);
            Assert.Empty(root.Elements(Svg.Ns + "svg"));
        }
    }

    [Fact]
    public void MarkersSkipNonFinitePointsAndUseTheirShape()
    {
        var buys = new MarkerSeries("buys", [0, 1, 2, 3], [1, double.NaN, 2, 3], MarkerShape.TriangleUp) { Color = "#0a0" };
        var sells = new MarkerSeries("sells", [0, 1], [2, 1], MarkerShape.TriangleDown);
        var fills = new MarkerSeries("fills", [0.5], [1.5], MarkerShape.Circle);

        List<XElement> groups = Svg.WithClass(Svg.Plot(Svg.Parse(SvgChartRenderer.Render(Chart(buys, sells, fills)))), "markers");

        Assert.Equal("#0a0", (string?)groups[0].Attribute("fill"));
        Assert.Equal(3, groups[0].Elements(Svg.Ns + "path").Count());
        Assert.All(groups[1].Elements(), e => Assert.Contains("l4.5,-8", (string)e.Attribute("d")!, StringComparison.Ordinal));
        Assert.Single(groups[2].Elements(Svg.Ns + "circle"));
    }

    [Fact]
    public void BarsStandOnZeroWithNinetyPercentWidth()
    {
        // Centres 1, 2 (spacing 1) → x axis [0.5, 2.5]; heights 4, 8 → y axis [0, 8.4].
        XElement plot = Plot(Chart(new BarSeries("", [1, 2], [4, 8])));
        List<XElement> bars = plot.Descendants(Svg.Ns + "rect").ToList();

        Assert.Equal(2, bars.Count);
        // Bar 1 spans 0.55…1.45 → 14…266 px; its top is 244 − 4/8.4·244 = 127.8.
        Assert.Equal("14", (string?)bars[0].Attribute("x"));
        Assert.Equal("252", (string?)bars[0].Attribute("width"));
        Assert.Equal("127.8", (string?)bars[0].Attribute("y"));
        Assert.Equal("116.2", (string?)bars[0].Attribute("height"));
    }

    [Fact]
    public void BandIsOnePolygonPerFiniteRunDrawnBeneathLines()
    {
        var band = new BandSeries("band", [0, 1, 2, 3, 4, 5], [0, 0, 0, double.NaN, 0, 0], [1, 1, 1, 1, 1, 1]);
        var line = new LineSeries("mid", [0, 5], [0.5, 0.5]);

        XElement plot = Plot(Chart(line, band));
        List<XElement> polygons = plot.Descendants(Svg.Ns + "polygon").ToList();

        Assert.Equal(2, polygons.Count);
        Assert.Equal(6, Svg.Points(polygons[0]).Count);
        Assert.Equal(4, Svg.Points(polygons[1]).Count);
        Assert.Equal(["band", "line"], plot.Elements().Select(e => (string)e.Attribute("class")!));
    }

    [Fact]
    public void LegendListsEveryNamedSeriesWithPaletteColours()
    {
        var spec = Chart(new LineSeries("mid", [0, 1], [0, 1]), new LineSeries("", [0, 1], [1, 0]), new BandSeries("p5–p95", [0, 1], [0, 0], [1, 1]) { Color = "red" });

        XElement root = Svg.Parse(SvgChartRenderer.Render(spec));
        XElement legend = Svg.WithClass(root, "legend").Single();

        Assert.Equal(["mid", "p5–p95"], legend.Elements(Svg.Ns + "text").Select(t => t.Value));
        Assert.Equal("#0072B2", (string?)legend.Elements(Svg.Ns + "path").Single().Attribute("stroke"));
        Assert.Equal("red", (string?)legend.Elements(Svg.Ns + "rect").Single().Attribute("fill"));
        Assert.Equal("#D55E00", (string?)Svg.WithClass(root, "line")[1].Attribute("stroke"));
        // One legend row moves the plot down by 18 px.
        Assert.Equal("44", (string?)Svg.Plot(root).Attribute("y"));
    }

    [Fact]
    public void AutomaticColoursSkipColoursChosenExplicitly()
    {
        var spec = Chart(
            new LineSeries("mid", [0, 1], [0, 1]),
            new MarkerSeries("sells", [0], [1], MarkerShape.TriangleDown) { Color = "#0072b2" },
            new LineSeries("micro", [0, 1], [1, 0]));

        List<XElement> lines = Svg.WithClass(Svg.Parse(SvgChartRenderer.Render(spec)), "line");

        // Palette blue is taken by the sells, so the automatic lines get the next two Okabe–Ito colours.
        Assert.Equal(["#D55E00", "#009E73"], lines.Select(l => (string)l.Attribute("stroke")!));
    }

    [Fact]
    public void TextIsEscaped()
    {
        var spec = new ChartSpec("<b>&\"'", "x<", "y>", [new LineSeries("a&b", [0, 1], [0, 1]) { Color = "\"><script>" }]);

        string svg = SvgChartRenderer.Render(spec);
        XElement root = Svg.Parse(svg);

        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Equal("<b>&\"'", Svg.WithClass(root, "title").Single().Value);
        Assert.Equal("x<", Svg.WithClass(root, "x-label").Single().Value);
        Assert.Equal("a&b", Svg.WithClass(root, "legend").Single().Elements(Svg.Ns + "text").Single().Value);
    }

    [Fact]
    public void TickLabelsAndGridFollowTheAxes()
    {
        XElement root = Svg.Parse(SvgChartRenderer.Render(Chart(new LineSeries("", [0, 4000], [-3.7, 12.2])) with { YMin = -3.7, YMax = 12.2 }));

        // x [0, 4000]: step 500 → 9 ticks, step 1000 → 5 ticks (closest to 6).
        Assert.Equal(["0", "1k", "2k", "3k", "4k"], Svg.WithClass(root, "x-ticks").Single().Elements().Select(e => e.Value));
        Assert.Equal(["-2", "0", "2", "4", "6", "8", "10", "12"], Svg.WithClass(root, "y-ticks").Single().Elements().Select(e => e.Value));
        // Tick 0 on y: 244 − 3.7/15.9·244 = 187.22 px below the plot top (32) → 219.2; the label baseline is 4 px lower.
        Assert.Equal("223.2", (string?)Svg.WithClass(root, "y-ticks").Single().Elements().ElementAt(1).Attribute("y"));
        Assert.Contains("M64,219.2h560", (string)Svg.WithClass(root, "grid").Single().Attribute("d")!, StringComparison.Ordinal);
    }

    [Fact]
    public void DataBeyondPinnedLimitsIsClippedWithBoundedCoordinates()
    {
        var spec = Chart(new LineSeries("", [0, 1, 2], [0, 1e300, 1])) with { YMin = 0, YMax = 1 };

        List<(double X, double Y)> points = Svg.Points(Plot(spec).Descendants(Svg.Ns + "polyline").Single());

        Assert.Equal(-1e6, points[1].Y);
    }

    [Fact]
    public void InvalidSpecsThrow()
    {
        Assert.Throws<ArgumentException>(() => SvgChartRenderer.Render(Chart(new LineSeries("a", [0, 1], [0]))));
        Assert.Throws<ArgumentException>(() => SvgChartRenderer.Render(Chart() with { YMin = 1, YMax = 1 }));
        Assert.Throws<ArgumentException>(() => SvgChartRenderer.Render(Chart() with { Width = 0 }));
    }
}
