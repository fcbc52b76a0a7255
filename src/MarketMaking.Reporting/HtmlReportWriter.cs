using System.Globalization;
using MarketMaking.Reporting.Charts;

namespace MarketMaking.Reporting;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML5 page: inline CSS and inline SVG
/// charts, no scripts or external resources, so it opens offline in any browser. The markup is also
/// well-formed XML (void elements self-closed), which keeps it easy to check mechanically.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f7f9; color: #1f2328; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; min-height: 100vh; box-sizing: border-box; }
        h1 { margin: 0 0 4px; font-size: 1.7em; }
        h2 { margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #d8dee4; font-size: 1.3em; }
        .subtitle { margin: 0; color: #59636e; }
        nav.toc { margin: 20px 0; padding: 10px 16px; background: #f6f8fa; border: 1px solid #d8dee4; border-radius: 6px; }
        nav.toc ol { margin: 4px 0; padding-left: 22px; columns: 2; }
        a { color: #0969da; text-decoration: none; }
        a:hover { text-decoration: underline; }
        p { white-space: pre-line; }
        .table-wrap { overflow-x: auto; margin: 12px 0; }
        table { border-collapse: collapse; font-size: 0.92em; }
        caption { caption-side: top; text-align: left; padding: 4px 0; color: #59636e; font-style: italic; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #d0d7de; background: #f6f8fa; }
        tbody tr:nth-child(even) { background: #f9fafb; }
        .num { text-align: right; }
        td.num, table.kv td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
        table.kv th { font-weight: 600; color: #424a53; }
        figure { margin: 12px 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        .chart-grid { display: flex; flex-wrap: wrap; gap: 12px; }
        .chart-grid figure { margin: 0; flex: 0 1 auto; }
        """;

    public static string Render(ReportDocument document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(document, writer);
        return writer.ToString();
    }

    public static void Write(ReportDocument document, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);

        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>");
        writer.Write(Markup.Escape(document.Title));
        writer.Write("</title>\n<style>\n");
        writer.Write(Style);
        writer.Write("\n</style>\n</head>\n<body>\n<main>\n<header>\n<h1>");
        writer.Write(Markup.Escape(document.Title));
        writer.Write("</h1>\n");
        if (!string.IsNullOrEmpty(document.Subtitle))
        {
            writer.Write("<p class=\"subtitle\">");
            writer.Write(Markup.Escape(document.Subtitle));
            writer.Write("</p>\n");
        }

        writer.Write("</header>\n");
        if (document.Sections.Count > 0)
        {
            writer.Write("<nav class=\"toc\"><strong>Contents</strong>\n<ol>\n");
            for (int i = 0; i < document.Sections.Count; i++)
            {
                writer.Write($"<li><a href=\"#{SectionId(i)}\">{Markup.Escape(document.Sections[i].Heading)}</a></li>\n");
            }

            writer.Write("</ol>\n</nav>\n");
        }

        for (int i = 0; i < document.Sections.Count; i++)
        {
            ReportSection section = document.Sections[i];
            writer.Write($"<section id=\"{SectionId(i)}\">\n<h2>{Markup.Escape(section.Heading)}</h2>\n");
            foreach (ReportBlock block in section.Blocks)
            {
                WriteBlock(block, writer);
            }

            writer.Write("</section>\n");
        }

        writer.Write("</main>\n</body>\n</html>\n");
    }

    // Positional ids are unique and stable whatever the heading text (which may repeat or be non-ASCII).
    private static string SectionId(int index) => string.Create(CultureInfo.InvariantCulture, $"section-{index + 1}");

    private static void WriteBlock(ReportBlock block, TextWriter writer)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                writer.Write($"<p>{Markup.Escape(paragraph.Text)}</p>\n");
                break;
            case TableBlock table:
                WriteTable(table, writer);
                break;
            case KeyValueBlock keyValues:
                writer.Write("<div class=\"table-wrap\"><table class=\"kv\"><tbody>\n");
                foreach (KeyValuePair<string, string> item in keyValues.Items)
                {
                    writer.Write($"<tr><th scope=\"row\">{Markup.Escape(item.Key)}</th><td>{Markup.Escape(item.Value)}</td></tr>\n");
                }

                writer.Write("</tbody></table></div>\n");
                break;
            case ChartBlock chart:
                writer.Write($"<figure class=\"chart\">{SvgChartRenderer.Render(chart.Chart)}</figure>\n");
                break;
            case ChartGridBlock grid:
                writer.Write("<div class=\"chart-grid\">\n");
                foreach (ChartSpec chart in grid.Charts)
                {
                    writer.Write($"<figure class=\"chart\">{SvgChartRenderer.Render(chart)}</figure>\n");
                }

                writer.Write("</div>\n");
                break;
            case HeatmapBlock heatmap:
                WriteHeatmap(heatmap, writer);
                break;
            default:
                throw new NotSupportedException($"Unknown report block {block.GetType().Name}.");
        }
    }

    private static void WriteHeatmap(HeatmapBlock map, TextWriter writer)
    {
        double[] finite = [.. map.Values.SelectMany(r => r).Where(double.IsFinite)];
        double low = finite.Length > 0 ? finite.Min() : 0, high = finite.Length > 0 ? finite.Max() : 1;
        writer.Write($"<div class=\"table-wrap\"><table class=\"heatmap\"><caption>{Markup.Escape(map.Title)}</caption>\n<thead><tr><th>{Markup.Escape(map.RowName)} ↓ {Markup.Escape(map.ColumnName)} →</th>");
        foreach (string label in map.ColumnLabels)
        {
            writer.Write($"<th class=\"num\">{Markup.Escape(label)}</th>");
        }

        writer.Write("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < map.RowLabels.Count; row++)
        {
            writer.Write($"<tr><th scope=\"row\" class=\"num\">{Markup.Escape(map.RowLabels[row])}</th>");
            for (int column = 0; column < map.ColumnLabels.Count; column++)
            {
                double value = map.Values[row][column];
                if (!double.IsFinite(value))
                {
                    writer.Write("<td class=\"num\"></td>");
                    continue;
                }

                // Blue (low) to red (high) through white; text stays dark on pale cells.
                double t = high > low ? (value - low) / (high - low) : 0.5;
                (int r, int g, int b) = t < 0.5
                    ? ((int)(59 + ((255 - 59) * t * 2)), (int)(130 + ((255 - 130) * t * 2)), 246)
                    : (239, (int)(255 - ((255 - 68) * (t - 0.5) * 2)), (int)(255 - ((255 - 68) * (t - 0.5) * 2)));
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"<td class=\"num\" style=\"background:rgb({r},{g},{b})\">{NumberLabel.Format(value)}</td>"));
            }

            writer.Write("</tr>\n");
        }

        writer.Write("</tbody></table></div>\n");
    }

    private static void WriteTable(TableBlock table, TextWriter writer)
    {
        writer.Write("<div class=\"table-wrap\"><table>");
        if (!string.IsNullOrEmpty(table.Caption))
        {
            writer.Write($"<caption>{Markup.Escape(table.Caption)}</caption>");
        }

        writer.Write("\n<thead><tr>");
        for (int column = 0; column < table.Headers.Count; column++)
        {
            // A header sits over its numbers only if the whole column is numeric.
            writer.Write(IsNumericColumn(table.Rows, column) ? "<th class=\"num\">" : "<th>");
            writer.Write(Markup.Escape(table.Headers[column]));
            writer.Write("</th>");
        }

        writer.Write("</tr></thead>\n<tbody>\n");
        foreach (IReadOnlyList<string> row in table.Rows)
        {
            writer.Write("<tr>");
            foreach (string cell in row)
            {
                writer.Write(NumericText.IsNumeric(cell) ? "<td class=\"num\">" : "<td>");
                writer.Write(Markup.Escape(cell));
                writer.Write("</td>");
            }

            writer.Write("</tr>\n");
        }

        writer.Write("</tbody></table></div>\n");
    }

    private static bool IsNumericColumn(IReadOnlyList<IReadOnlyList<string>> rows, int column)
    {
        bool any = false;
        foreach (IReadOnlyList<string> row in rows)
        {
            if (column < row.Count && !string.IsNullOrWhiteSpace(row[column]))
            {
                if (!NumericText.IsNumeric(row[column]))
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }
}
