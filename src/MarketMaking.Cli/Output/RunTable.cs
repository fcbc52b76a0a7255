using System.Globalization;
using MarketMaking.Research.Reports;
using Spectre.Console;

namespace MarketMaking.Cli.Output;

/// <summary>Event-loop runs side by side: one row per metric, one column per run.</summary>
internal static class RunTable
{
    public static void Write(Terminal terminal, IReadOnlyList<RunRow> runs, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("metric");
        foreach (RunRow run in runs)
        {
            table.AddColumn(new TableColumn(Markup.Escape(run.Strategy)).RightAligned());
        }

        void Row(string metric, Func<RunRow, string> cell) =>
            table.AddRow([Markup.Escape(metric), .. runs.Select(r => Markup.Escape(cell(r)))]);

        Row("net PnL", r => Formats.Fixed(r.NetPnl, 4));
        Row("gross PnL", r => Formats.Fixed(r.GrossPnl, 4));
        Row("fees paid / rebates", r => $"{Formats.Fixed(r.FeesPaid, 4)} / {Formats.Fixed(r.Rebates, 4)}");
        Row("orders / fills", r => string.Create(CultureInfo.InvariantCulture, $"{r.Orders} / {r.Fills}"));
        Row("fill rate", r => Formats.Percent(r.FillRate));
        Row("round trips, win rate", r => string.Create(CultureInfo.InvariantCulture, $"{r.RoundTrips}, {Formats.Percent(r.WinRate)}"));
        Row("average edge", r => Formats.Fixed(r.AverageEdge, 5));
        Row("spread capture", r => Formats.Fixed(r.SpreadCapture, 3));
        Row("sharpe per period (annualized)", r => $"{Formats.Fixed(r.SharpePerPeriod, 4)} ({Formats.Fixed(r.SharpeAnnualized, 2)})");
        Row("sortino per period", r => Formats.Fixed(r.SortinoPerPeriod, 4));
        Row("max drawdown", r => Formats.Fixed(r.MaxDrawdown, 4));
        Row("mean |q| / max |q|", r => $"{Formats.Fixed(r.MeanAbsQ, 4)} / {Formats.Fixed(r.MaxAbsQ, 4)}");
        Row("time at limit", r => Formats.Percent(r.TimeAtLimit));
        Row("turnover / final q", r => $"{Formats.Fixed(r.Turnover, 4)} / {Formats.Fixed(r.FinalQ, 4)}");
        if (runs.Count > 0)
        {
            for (int i = 0; i < runs[0].Markouts.Count; i++)
            {
                int index = i;
                Row($"markout {runs[0].Markouts[i].Horizon.ToString("G4", CultureInfo.InvariantCulture)} s", r => Formats.Fixed(r.Markouts[index].MeanPerUnit, 5));
            }
        }

        Row("risk rejections", r => r.Rejections.ToString(CultureInfo.InvariantCulture));
        terminal.Console.Write(table);
        foreach (RunRow run in runs.Where(r => r.KillReason is not null))
        {
            terminal.Writer.WriteLine($"{run.Strategy}: kill switch: {run.KillReason}");
        }
    }
}
