using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MarketMaking.Cli.Output;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Files;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Simulation.Engine;
using MarketMaking.Trading.Journal;
using Spectre.Console;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// <c>mm journal SESSION.db [orders|fills|events|pnl|report]</c>: what a trading session's journal
/// holds — its runs, every order's last state, every execution, the audit trail, the PnL — and a
/// report drawn from it like a backtest's (works after a crash too).
/// </summary>
internal static class JournalCommand
{
    private static readonly string[] Views = ["summary", "orders", "fills", "events", "pnl", "report"];

    public static Command Create(Terminal terminal)
    {
        var path = new Argument<string>("journal") { Description = "the session's journal (journal.db)" };
        var view = new Argument<string>("view") { Description = $"what to print: {string.Join(", ", Views)}", DefaultValueFactory = _ => "summary" };
        var kind = new Option<string?>("--kind") { Description = "events: only this kind (decision, request, reply, order, fill, fault, kill…)" };
        var limit = new Option<int>("--limit") { Description = "orders, fills, events: the last N rows (0: all)", DefaultValueFactory = _ => 50 };
        var output = new Option<string?>("--out") { Description = "report: the HTML file to write (default: session.html beside the journal, in its run folder)" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("journal", "Print a trading session's journal: runs, orders, fills, events, PnL, or draw its report.") { path, view, kind, limit, output, json };
        command.SetAction(parse =>
        {
            string file = parse.GetValue(path)!;
            string what = parse.GetValue(view)!;
            if (!Views.Contains(what))
            {
                throw new InvalidParameterException("view", $"unknown view '{what}'; known: {string.Join(", ", Views)}");
            }

            int last = parse.GetValue(limit);
            if (last < 0)
            {
                throw new InvalidParameterException("limit", $"must be zero or positive, got {last}");
            }

            // The report goes beside the journal unless --out says where (never over the journal).
            string report = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "session.html");
            if (what == "report")
            {
                DistinctOutput.Require("out", report, file);
            }

            JournalState state = JournalReader.Load(file);
            bool asJson = parse.GetValue(json);
            switch (what)
            {
                case "orders":
                    IReadOnlyList<JournalOrder> orders = Tail(JournalReader.Orders(file), last);
                    Print(terminal, asJson, orders, ["link id", "run", "side", "price", "qty", "executed", "state", "created", "reason"],
                        orders.Select(o => new[] { o.LinkId, Text(o.Run), o.Side.ToString(), Text(o.Price), Text(o.Quantity), Text(o.Executed), o.State, Time(o.CreatedAt), o.Reason ?? "" }));
                    break;
                case "fills":
                    IReadOnlyList<JournalFill> fills = Tail(state.Fills, last);
                    Print(terminal, asJson, fills, ["execution", "link id", "side", "price", "qty", "fee", "maker", "exchange time"],
                        fills.Select(f => new[] { f.ExecutionId, f.LinkId, f.Side.ToString(), Text(f.Price), Text(f.Quantity), Text(f.Fee), f.IsMaker ? "yes" : "no", Time(f.ExchangeTime) }));
                    break;
                case "events":
                    IReadOnlyList<JournalEvent> events = Tail(JournalReader.Events(file, parse.GetValue(kind)), last);
                    Print(terminal, asJson, events, ["#", "local time", "exchange time", "kind", "link id", "detail"],
                        events.Select(e => new[] { Text(e.Id), Time(e.LocalTime), e.ExchangeTime > 0 ? Time(e.ExchangeTime) : "", e.Kind, e.LinkId ?? "", e.Detail }));
                    break;
                case "pnl":
                    WritePnl(terminal, file, state, asJson);
                    break;
                case "report":
                    WriteReport(terminal, file, state, report, asJson);
                    break;
                default:
                    WriteSummary(terminal, file, state, asJson);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static void WriteSummary(Terminal terminal, string file, JournalState state, bool asJson)
    {
        if (asJson)
        {
            // A run's final state is JSON already: nested as an object, not quoted as a string.
            var runs = state.Runs.Select(r => new { r.Run, r.StartedAt, r.EndedAt, r.EndReason, r.Venue, r.Symbol, r.Strategy, FinalState = r.FinalState is null ? null : JsonNode.Parse(r.FinalState) });
            terminal.Writer.WriteLine(Json.Serialize(new { Runs = runs, Executions = state.Book.Count, state.Book.Position, state.Book.Cash, state.Book.Fees, OpenOrders = state.OpenOrders.Count, LinkPrefix = state.LinkPrefix }));
            return;
        }

        Print(terminal, false, state.Runs, ["run", "started", "ended", "how it ended", "venue", "symbol", "strategy", "final state"],
            state.Runs.Select(r => new[] { Text(r.Run), Time(r.StartedAt), r.EndedAt is { } end ? Time(end) : "(no clean end)", r.EndReason ?? "", r.Venue, r.Symbol, r.Strategy, r.FinalState ?? "" }));
        terminal.Writer.WriteLine($"{file}: {state.Book.Count} executions, position {state.Book.Position}, cash {state.Book.Cash}, fees {state.Book.Fees}; {state.OpenOrders.Count} orders last seen open; orderLinkId prefix {state.LinkPrefix}");
    }

    /// <summary>Every run of the journal drawn as a backtest run beside the others (a restart's decision times start again at 0).</summary>
    private static void WriteReport(Terminal terminal, string file, JournalState state, string html, bool asJson)
    {
        IReadOnlyList<RunResult> runs = JournalReport.Rebuild(file, BacktestMetrics.ForRecordedData(double.PositiveInfinity));
        if (runs.Count == 0)
        {
            throw new InvalidParameterException("journal", $"{file} holds no run to report");
        }

        var items = new List<KeyValuePair<string, string>> { new("journal", file), new("runs", Text(state.Runs.Count)) };
        if (state.UnpricedAdoptionText is { } unpriced)
        {
            items.Add(new("unpriced adoption", unpriced));
        }

        string title = runs.Count == 1 ? $"{runs[0].Strategy}: {file}" : $"{runs.Count} runs: {file}";
        OutputFiles.Write(html, w => w.Write(Reporting.HtmlReportWriter.Render(ReportBuilder.Backtest("mm journal", title, runs, items))));
        if (asJson)
        {
            terminal.Writer.WriteLine(Json.Serialize(new { Report = html, Runs = runs.Select(RunRow.From) }));
            return;
        }

        RunTable.Write(terminal, [.. runs.Select(RunRow.From)], title);
        if (state.UnpricedAdoptionText is { } left)
        {
            terminal.Writer.WriteLine(left);
        }

        terminal.Writer.WriteLine($"report: {html}");
    }

    /// <summary>Cash, position, fees, and the PnL marked at the last mid the session saw, the mark of its end table (or the last fill).</summary>
    private static void WritePnl(Terminal terminal, string file, JournalState state, bool asJson)
    {
        decimal? mark = JournalReader.LastMark(file);
        // Holding nothing priced (an unpriced adoption is left out), the PnL needs no mark.
        bool nothingPricedHeld = state.UnpricedAdoption != 0 && state.Book.Position == state.UnpricedAdoption;
        decimal? pnl = mark is { } m ? state.Book.Pnl(m) : nothingPricedHeld ? state.Book.Cash - state.Book.AdoptionCost : null;
        if (asJson)
        {
            terminal.Writer.WriteLine(Json.Serialize(new { state.Book.Position, state.Book.Cash, state.Book.AdoptionCost, state.UnpricedAdoption, state.Book.Fees, Executions = state.Book.Count, Mark = mark, Pnl = pnl }));
            return;
        }

        string adopted = state.Book.AdoptionCost != 0 ? $"; adopted positions cost {state.Book.AdoptionCost}" : "";
        terminal.Writer.WriteLine($"position {state.Book.Position}; cash {state.Book.Cash} (−Σ side·price·qty − fees){adopted}; fees {state.Book.Fees}; {state.Book.Count} executions");
        terminal.Writer.WriteLine(
            pnl is not { } value ? "PnL: no price seen yet"
            : mark is null ? $"PnL {value}: {state.UnpricedAdoptionText}"
            : $"PnL {value} at the last mid seen, {mark}");
    }

    private static void Print<T>(Terminal terminal, bool asJson, IReadOnlyList<T> rows, string[] columns, IEnumerable<string[]> cells)
    {
        if (asJson)
        {
            terminal.Writer.WriteLine(Json.Serialize(rows));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in columns)
        {
            table.AddColumn(column);
        }

        foreach (string[] row in cells)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        terminal.Console.Write(table);
    }

    private static IReadOnlyList<T> Tail<T>(IReadOnlyList<T> rows, int last) => last == 0 || rows.Count <= last ? rows : [.. rows.Skip(rows.Count - last)];

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
