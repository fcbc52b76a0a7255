using System.Xml;
using System.Xml.Linq;
using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting.Tests;

public class HtmlReportWriterTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static ReportDocument Sample() => new(
        "Run <b>&\" report",
        "subtitle <i>",
        [
            new ReportSection("Summary", [
                new ParagraphBlock("line one\n<script>alert(1)</script>"),
                new TableBlock(["Metric", "Value"], [["PnL <b>&\"", "1,234.50"], ["Sharpe", "-0.42"], ["Fill rate", "12.5%"]], "Key <metrics>"),
            ]),
            new ReportSection("Settings", [new KeyValueBlock([new("spread", "0.02"), new("url", "https://example.com")])]),
            new ReportSection("Charts", [
                new ChartBlock(new ChartSpec("PnL", "t", "pnl", [new LineSeries("pnl", [0, 1], [0, 1])])),
                new ChartGridBlock([new ChartSpec("A", "x", "y", []), new ChartSpec("B", "x", "y", [])]),
            ]),
            new ReportSection("Summary", []),
        ]);

    // The output is polyglot HTML5 / XML, so it can be parsed strictly (ignoring the DOCTYPE).
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void HasNoScriptsOrExternalReferences()
    {
        string html = HtmlReportWriter.Render(Sample());
        XDocument doc = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        foreach (XAttribute attribute in doc.Descendants().Attributes().Where(a => a.Name.LocalName is "src" or "href"))
        {
            Assert.DoesNotContain("http://", attribute.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", attribute.Value, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("#", attribute.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EscapesTitlesAndCells()
    {
        string html = HtmlReportWriter.Render(Sample());
        XDocument doc = Parse(html);

        Assert.Contains("Run &lt;b&gt;&amp;&quot; report", html, StringComparison.Ordinal);
        Assert.Contains("PnL &lt;b&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Equal("Run <b>&\" report", doc.Descendants("h1").Single().Value);
        Assert.Equal("Run <b>&\" report", doc.Descendants("title").First().Value);
        Assert.Contains(doc.Descendants("td"), td => td.Value == "PnL <b>&\"");
        Assert.Equal("Key <metrics>", doc.Descendants("caption").Single().Value);
    }

    [Fact]
    public void TableOfContentsLinksMatchSectionIdsInOrder()
    {
        XDocument doc = Parse(HtmlReportWriter.Render(Sample()));
        List<XElement> sections = doc.Descendants("section").ToList();
        List<XElement> links = doc.Descendants("nav").Single().Descendants("a").ToList();

        Assert.Equal(["Summary", "Settings", "Charts", "Summary"], sections.Select(s => s.Element("h2")!.Value));
        Assert.Equal(links.Select(a => a.Value), sections.Select(s => s.Element("h2")!.Value));
        Assert.Equal(links.Select(a => (string)a.Attribute("href")!), sections.Select(s => "#" + (string)s.Attribute("id")!));
        Assert.Equal(sections.Count, sections.Select(s => (string)s.Attribute("id")!).Distinct().Count());
    }

    [Fact]
    public void NumericCellsAndColumnsAreRightAligned()
    {
        XDocument doc = Parse(HtmlReportWriter.Render(Sample()));
        XElement table = doc.Descendants("table").First();

        Assert.Equal([null, "num"], table.Descendants("th").Select(th => (string?)th.Attribute("class")));
        Assert.Equal(
            [null, "num", null, "num", null, "num"],
            table.Descendants("td").Select(td => (string?)td.Attribute("class")));
    }

    [Fact]
    public void ChartsAreInlineSvgAndGridsHoldEachChart()
    {
        XDocument doc = Parse(HtmlReportWriter.Render(Sample()));

        Assert.Equal(3, doc.Descendants(SvgNs + "svg").Count(e => e.Parent!.Name == "figure"));
        Assert.Equal(2, doc.Descendants("div").Single(d => (string?)d.Attribute("class") == "chart-grid").Elements("figure").Count());
    }

    [Fact]
    public void WriteAndRenderProduceTheSameDocument()
    {
        using var writer = new StringWriter();
        HtmlReportWriter.Write(Sample(), writer);

        string html = HtmlReportWriter.Render(Sample());

        Assert.Equal(html, writer.ToString());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\" />", html, StringComparison.Ordinal);
        Assert.Equal("subtitle <i>", Parse(html).Descendants("p").First().Value);
    }
}
