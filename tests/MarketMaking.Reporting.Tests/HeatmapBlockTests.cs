namespace MarketMaking.Reporting.Tests;

public class HeatmapBlockTests
{
    private static string Render(HeatmapBlock map) =>
        HtmlReportWriter.Render(new ReportDocument("t", null, [new ReportSection("s", [map])]));

    [Fact]
    public void ColoursRunFromBlueAtTheLowestToRedAtTheHighestAndMissingCellsStayBlank()
    {
        // Values 0, 5 (middle: white) and 10; one point not run.
        string html = Render(new HeatmapBlock("pnl", "spread", "q", ["10", "20"], ["5", "10"], [[0, 5], [10, double.NaN]]));

        Assert.Contains("<td class=\"num\" style=\"background:rgb(59,130,246)\">0</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" style=\"background:rgb(239,255,255)\">5</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" style=\"background:rgb(239,68,68)\">10</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\"></td>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>pnl</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"num\">20</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsAreEscaped()
    {
        string html = Render(new HeatmapBlock("<b>", "a&b", "c", ["<1>"], ["x"], [[1]]));
        Assert.DoesNotContain("<b>", html.Replace("<body>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("&lt;1&gt;", html, StringComparison.Ordinal);
    }
}
