using MarketMaking.Research.Reports;
using Spectre.Console;

namespace MarketMaking.Cli.Output;

/// <summary>The comparison table printed by simulate and demo.</summary>
internal static class SummaryTable
{
    public static void Write(Terminal terminal, IReadOnlyList<SummaryRow> rows, bool showMarket, string? title = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(title);
        }

        if (showMarket)
        {
            table.AddColumn("market");
        }

        table.AddColumn("strategy");
        foreach (string column in new[] { "spread", "profit", "std", "final q", "std q", "sharpe", "max dd", "fill rate", "capture", "mean |q|", "utility" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (SummaryRow r in rows)
        {
            var cells = new List<string>();
            if (showMarket)
            {
                cells.Add(r.Market);
            }

            cells.Add(r.Strategy);
            cells.Add(Formats.Fixed(r.Spread, 2));
            cells.Add(Formats.Fixed(r.ProfitMean, 2));
            cells.Add(Formats.Fixed(r.ProfitStd, 2));
            cells.Add(Formats.Fixed(r.FinalQMean, 2));
            cells.Add(Formats.Fixed(r.FinalQStd, 2));
            cells.Add(Formats.Fixed(r.Sharpe, 2));
            cells.Add(Formats.Fixed(r.MaxDrawdown, 2));
            cells.Add(Formats.Percent(r.FillRate));
            cells.Add(Formats.Fixed(r.SpreadCapture, 2));
            cells.Add(Formats.Fixed(r.MeanAbsQ, 2));
            cells.Add(Formats.Fixed(r.UtilityMeanVariance, 2));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        terminal.Console.Write(table);
        terminal.Console.MarkupLine("[grey]" + Markup.Escape(
            "spread: mean quoted ask − bid · profit: terminal PnL, mean and std over runs · sharpe: mean/std of PnL across runs · " +
            "max dd: mean peak-to-trough fall · capture: edge earned / half the quoted spread · utility: E[PnL] − γ/2·Var[PnL]") + "[/]");
    }
}
