using System.Globalization;
using System.Xml.Linq;

namespace MarketMaking.Reporting.Tests.Charts;

/// <summary>Helpers for reading rendered SVG back.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg) => XElement.Parse(svg);

    public static XElement Plot(XElement root) =>
        root.Elements(Ns + "svg").Single(e => (string?)e.Attribute("class") == "plot");

    public static List<XElement> WithClass(XElement root, string cssClass) =>
        root.Descendants().Where(e => (string?)e.Attribute("class") == cssClass).ToList();

    public static List<(double X, double Y)> Points(XElement polyline) =>
        ((string)polyline.Attribute("points")!)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToList();
}
