using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MarketMaking.Cli;
using MarketMaking.Trading.Journal;
using MarketMaking.Venue;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>mm trade and mm journal in-process: the example config, and mistakes answered in one line.</summary>
public class TradeCommandTests
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "configs", "examples", "trade.yaml");

    [Fact]
    public async Task TheExampleConfigTradesOnTheLocalVenueAndTheJournalCanBeRead()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        var traded = await Task.Run(() => Run("trade", "--config", Example, "--endpoint", local.Url.ToString(), "--credentials", keys, "--duration", "8s", "--journal", journal.Path, "--json", "--out", Path.Combine(journal.Folder, "run")));
        Assert.True(traded.Code == 0, traded.Error);
        using (JsonDocument end = JsonDocument.Parse(traded.Output))
        {
            Assert.Equal(
                ["orders_open_at_end", "position", "venue_position", "cash", "venue_cash", "mark", "executions", "venue_executions", "journal_executions", "faults_seen", "kill_reason"],
                end.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(0, end.RootElement.GetProperty("orders_open_at_end").GetInt32());
        }

        // The config's settings reached the session: the strategy, and the order size limit on every order.
        JournalRun run = Assert.Single(JournalReader.Load(journal.Path).Runs);
        Assert.Equal(("local", "SIMUSDT", "fixed"), (run.Venue, run.Symbol, run.Strategy));
        Assert.All(JournalReader.Orders(journal.Path), o => Assert.True(o.Quantity <= 1m, $"{o.LinkId}: {o.Quantity}"));

        foreach (string view in new[] { "summary", "orders", "fills", "events", "pnl" })
        {
            var (code, output, error) = Run("journal", journal.Path, view);
            Assert.True(code == 0, error);
            Assert.NotEmpty(output);
        }

        // The summary's JSON nests each run's final state as an object (it was a quoted string), the session's own.
        using (JsonDocument summary = JsonDocument.Parse(Run("journal", journal.Path, "--json").Output))
        {
            JsonElement state = summary.RootElement.GetProperty("runs")[0].GetProperty("final_state");
            Assert.Equal(JsonValueKind.Object, state.ValueKind);
            using JsonDocument end = JsonDocument.Parse(traded.Output);
            Assert.Equal(end.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ToString())), state.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
        }

        // The run folder (the session's, under --out) is a backtest's: mm report compares it like any other.
        Assert.True(File.Exists(Path.Combine(journal.Folder, "run", "run-1", "report.html")));
        var compared = Run("report", Path.Combine(journal.Folder, "run", "run-1"), "--out", Path.Combine(journal.Folder, "compare.html"));
        Assert.True(compared.Code == 0, compared.Error);
        Assert.Contains("fixed", compared.Output, StringComparison.Ordinal);

        string html = Path.Combine(journal.Folder, "session.html");
        Assert.Equal(0, Run("journal", journal.Path, "report", "--out", html).Code);
        Assert.Contains("<svg", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdersOverTheWebSocketOrderEntryEndWithNothingOpenAndTheVenuesBooks()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        long restBefore = local.PrivateRequests;
        var (code, output, error) = await Task.Run(() => Run("trade", "--config", Example, "--endpoint", local.Url.ToString(), "--credentials", keys, "--order-entry", "ws", "--duration", "8s", "--journal", journal.Path, "--json", "--no-save"));
        Assert.True(code == 0, error);
        JsonElement end = JsonDocument.Parse(output).RootElement.Clone();

        Assert.Equal(0, end.GetProperty("orders_open_at_end").GetInt32());
        Assert.Equal(end.GetProperty("venue_position").GetDecimal(), end.GetProperty("position").GetDecimal());
        Assert.Equal(end.GetProperty("venue_cash").GetDecimal(), end.GetProperty("cash").GetDecimal());
        Assert.Equal(end.GetProperty("venue_executions").GetInt32(), end.GetProperty("journal_executions").GetInt32());

        // Every create, amend and cancel the journal records went over the socket; REST carried only the queries and cancel-all.
        int sent = JournalReader.Events(journal.Path, "request").Count(e => !e.Detail.StartsWith("cancel-all", StringComparison.Ordinal));
        Assert.True(sent > 0, "no order was sent");
        Assert.Equal(sent, local.OrderEntryRequests);
        Assert.True(local.PrivateRequests - restBefore < sent, $"{local.PrivateRequests - restBefore} REST requests for {sent} orders");
    }

    [Fact]
    public async Task APaperSessionsTableAndTheJournalsPnlMarkThePositionAtTheSameMid()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        var traded = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--paper", "--symbol", "SIMUSDT", "--strategy", "touch", "--duration", "4s", "--journal", journal.Path, "--no-save"));
        Assert.True(traded.Code == 0, traded.Error);
        double table = double.Parse(Regex.Match(traded.Output, @"net PnL\s*│\s*(-?[0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);

        // The journal keeps the mark the session ended at (its final state), and mm journal … pnl marks there: cash + position × mark, the table's net PnL.
        using JsonDocument summary = JsonDocument.Parse(Run("journal", journal.Path, "--json").Output);
        decimal ended = summary.RootElement.GetProperty("runs")[0].GetProperty("final_state").GetProperty("mark").GetDecimal();
        using JsonDocument pnl = JsonDocument.Parse(Run("journal", journal.Path, "pnl", "--json").Output);
        JsonElement p = pnl.RootElement;
        Assert.Equal(ended, p.GetProperty("mark").GetDecimal());
        Assert.Equal(p.GetProperty("cash").GetDecimal() + (p.GetProperty("position").GetDecimal() * ended), p.GetProperty("pnl").GetDecimal());
        Assert.InRange(Math.Abs(table - (double)p.GetProperty("pnl").GetDecimal()), 0, 0.00005 + 1e-9); // the table prints four decimals
    }

    [Fact]
    public async Task AKillSwitchExitsThreeWithTheJsonPrintedInFullAndTheTableToo()
    {
        // Quoting at the touch, a fill earns half the venue's spread (a tick or so) and pays a maker fee of 2 bps: its first fill
        // trips a loss limit of 0.001 (0.3 s into the session on an idle machine; the example's 10 bps spread took from 10 s to over a minute).
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);

        // The example's limits with the touch strategy: the fixed spread's settings left out (touch reads none of them, and a setting no strategy reads is refused).
        string config = Path.Combine(journal.Folder, "touch.yaml");
        string[] fixedOnly = ["spread_bps:", "max_inventory:", "skew_factor:"];
        File.WriteAllLines(config, File.ReadAllLines(Example).Where(line => !fixedOnly.Any(key => line.TrimStart().StartsWith(key, StringComparison.Ordinal))).Select(line => line == "  name: fixed" ? "  name: touch" : line));
        string[] session = ["trade", "--config", config, "--endpoint", local.Url.ToString(), "--credentials", keys, "--max-loss", "0.001", "--duration", "60s", "--no-save", "--adopt-position"];

        var json = await Task.Run(() => Run([.. session, "--journal", Path.Combine(journal.Folder, "json.db"), "--json"]));
        Assert.True(json.Code == 3, json.Error);
        using (JsonDocument end = JsonDocument.Parse(json.Output))
        {
            Assert.Equal(11, end.RootElement.EnumerateObject().Count());
            Assert.StartsWith("max loss: net PnL", end.RootElement.GetProperty("kill_reason").GetString(), StringComparison.Ordinal);
        }

        var table = await Task.Run(() => Run([.. session, "--journal", Path.Combine(journal.Folder, "table.db")]));
        Assert.True(table.Code == 3, table.Error);
        Assert.Contains("\nkill switch: max loss: net PnL", table.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Empty(table.Error);
    }

    [Fact]
    public async Task AStartThatFailsIsARunWhoseEndSaysWhyInMmJournal()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        var (code, _, error) = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", keys, "--symbol", "XYZUSDT", "--journal", journal.Path, "--no-save"));
        Assert.Equal(2, code);   // an unknown symbol is the user's input
        Assert.Equal("error: invalid symbol: Bybit lists no instrument XYZUSDT in category linear", error.Trim());

        var summary = Run("journal", journal.Path, "--json");
        Assert.True(summary.Code == 0, summary.Error);
        using JsonDocument runs = JsonDocument.Parse(summary.Output);
        JsonElement run = Assert.Single(runs.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("failed at start: invalid symbol: Bybit lists no instrument XYZUSDT in category linear", run.GetProperty("end_reason").GetString());
        Assert.Equal(JsonValueKind.Number, run.GetProperty("ended_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("final_state").ValueKind);
        Assert.DoesNotContain("(no clean end)", Run("journal", journal.Path).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALiveSessionOnAPaperSessionsJournalIsRefusedInOneLineWithNothingWritten()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        var paper = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--paper", "--symbol", "SIMUSDT", "--strategy", "touch", "--duration", "3s", "--journal", journal.Path, "--no-save", "--json"));
        Assert.True(paper.Code == 0, paper.Error);
        int events = JournalReader.Events(journal.Path).Count;

        var (code, output, error) = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", keys, "--symbol", "SIMUSDT", "--journal", journal.Path, "--no-save"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: invalid journal: {journal.Path} belongs to paper trading of SIMUSDT on local; this session is live on local: give another --journal", error.Trim());
        Assert.Single(JournalReader.Load(journal.Path).Runs);
        Assert.Equal(events, JournalReader.Events(journal.Path).Count);
    }

    [Fact]
    public async Task AVenueThatGoesAwayIsSaidOnStandardErrorWhenItGoesAndEveryFiveSecondsAfter()
    {
        LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);
        var running = Task.Run(() => Run("trade", "--config", Example, "--endpoint", local.Url.ToString(), "--credentials", keys, "--duration", "12s", "--shutdown-timeout", "1s", "--journal", journal.Path, "--no-save"));
        await LocalVenues.QuotingAsync(local, TimeSpan.FromSeconds(30));
        await local.DisposeAsync();
        var (code, output, error) = await running;

        // Gone for good: the end's queries get no answer, and the session says so (exit 1).
        Assert.Equal(1, code);
        Assert.StartsWith("trading SIMUSDT on local", output, StringComparison.Ordinal);
        string[] lines = error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("local lost: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "local unreachable for 5 s, retrying");
        Assert.StartsWith("error: local did not answer within the shutdown timeout (1 s)", lines[^1], StringComparison.Ordinal);
        Assert.Equal(lines.Count(l => l.StartsWith("local unreachable for ", StringComparison.Ordinal)), JournalReader.Events(journal.Path, "venue-unreachable").Count);
        Assert.Single(JournalReader.Events(journal.Path, "venue-lost"));
    }

    /// <summary>
    /// AS with σ, A, κ left to the session: it watches the local venue's market for the window, says
    /// what it calibrated (the journal the same), and quotes only after it.
    /// </summary>
    [Fact]
    public async Task AModelStrategyIsCalibratedOnTheLiveMarketBeforeItQuotes()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        var (code, output, error) = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--paper", "--symbol", "SIMUSDT", "--strategy", "as", "--calibrate", "3s", "--duration", "8s", "--journal", journal.Path, "--no-save"));
        Assert.True(code == 0, error);

        string[] lines = output.Split('\n');
        Assert.StartsWith("trading SIMUSDT on paper on local with as; calibrating σ, A, κ on the first 3 s before quoting; journal ", lines[0], StringComparison.Ordinal);
        JournalEvent calibrated = Assert.Single(JournalReader.Events(journal.Path, "calibrated"));
        Assert.Contains($"calibration (SIMUSDT): {calibrated.Detail}; quoting", lines);
        IReadOnlyList<JournalEvent> requests = JournalReader.Events(journal.Path, "request");
        Assert.Contains(requests, r => r.Detail.StartsWith("create ", StringComparison.Ordinal));
        Assert.All(requests, r => Assert.True(r.Id > calibrated.Id, $"{r.Detail} before the calibration"));
    }

    [Theory]
    [InlineData(new[] { "trade", "--venue", "bybit-demo", "--symbol", "BTCUSDT", "--order-entry", "ws" }, 2, "error: invalid order-entry: bybit-demo has no WebSocket order entry (Bybit's demo trading does not offer it): use --order-entry rest")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--order-entry", "fix" }, 2, "error: invalid order-entry: 'fix' is not rest or ws")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT" }, 2, "error: invalid credentials: set BYBIT_API_KEY and BYBIT_API_SECRET, or pass --credentials FILE (--paper needs no key)")]
    [InlineData(new[] { "trade", "--venue", "moon", "--symbol", "BTCUSDT" }, 2, "error: invalid venue: unknown venue 'moon'; known: bybit, bybit-testnet, bybit-demo, local")]
    [InlineData(new[] { "trade", "--venue", "local", "--symbol", "SIMUSDT", "--paper" }, 2, "error: invalid endpoint: the local venue needs its URL (--endpoint http://127.0.0.1:PORT)")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--max-open-orders", "2.5" }, 2, "error: invalid max_open_orders: must be a whole number of at least 1 (or infinite to switch it off), got 2.5")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--stale-after", "soon" }, 2, "error: invalid stale-after: 'soon' is not a duration; use e.g. 5ms, 90s, 30m, 1h30m or 2d")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--strategy", "as,fixed" }, 2, "error: invalid strategy: mm trade runs one strategy at a time")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--strategy", "fixed", "--calibrate", "30s" }, 2, "error: invalid calibrate: fixed quotes from no σ, A or κ: there is nothing to calibrate")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--strategy", "as", "--sigma", "2", "--kappa", "1", "--calibrate", "30s" }, 2, "error: invalid calibrate: as quotes from σ and κ, both given: there is nothing left to calibrate")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--strategy", "as", "--duration", "30s" }, 2, "error: invalid duration: 30 s ends the session before its calibration (the first 1 m of market data) is over, so nothing would be quoted: give a longer --duration, a shorter --calibrate, or the parameters themselves")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--strategy", "glft", "--calibrate", "10s", "--duration", "10s" }, 2, "error: invalid duration: 10 s ends the session before its calibration (the first 10 s of market data) is over, so nothing would be quoted: give a longer --duration, a shorter --calibrate, or the parameters themselves")]
    [InlineData(new[] { "trade", "--venue", "bybit", "--symbol", "BTCUSDT", "--paper", "--calibrate", "soon" }, 2, "error: invalid calibrate: 'soon' is not a duration; use e.g. 5ms, 90s, 30m, 1h30m or 2d")]
    [InlineData(new[] { "journal", "/nonexistent/journal.db" }, 2, "error: invalid journal: file not found: /nonexistent/journal.db")]
    public void AMistakeIsOneLine(string[] args, int exit, string message)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(exit, code);
        Assert.Equal(message, error.Trim());
    }

    [Fact]
    public void AFileThatIsNotAJournalIsBadInputForMmJournalAndMmTrade()
    {
        using var journal = new TempJournal();
        File.WriteAllText(journal.Path, "time,price\n1,100\n");
        string expected = $"error: invalid journal: {journal.Path} is not a trading journal (not an SQLite database)";

        // Exit 1 and SQLite's "Error 26: 'file is not a database'" before; the README's exit 2 for bad input now.
        var (code, _, error) = Run("journal", journal.Path, "summary");
        Assert.Equal((2, expected), (code, error.Trim()));
        (code, _, error) = Run("trade", "--venue", "local", "--endpoint", "http://127.0.0.1:9", "--symbol", "SIMUSDT", "--paper", "--journal", journal.Path, "--no-save");
        Assert.Equal((2, expected), (code, error.Trim()));
        Assert.Equal("time,price\n1,100\n", File.ReadAllText(journal.Path));
    }

    [Fact]
    public async Task AnOrderSizeBelowTheVenuesLotSizeIsRefusedAtTheStart()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();
        string keys = LocalVenues.CredentialsFile(local, journal.Folder);

        // Snapped to the lot of 1, half a lot was no quote: every decision empty, 0 orders, exit 0.
        var (code, output, error) = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", keys, "--symbol", "SIMUSDT", "--strategy", "fixed", "--order-size", "0.5", "--duration", "5s", "--journal", journal.Path, "--no-save"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("error: invalid order-size: 0.5 is less than SIMUSDT's lot size 1: an order is at least one lot", error.Trim());
        Assert.Empty(JournalReader.Orders(journal.Path));
    }

    [Fact]
    public void ACredentialsFileOpenToOthersIsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix permissions to check
        }

        using var temp = new TempJournal();
        string file = Path.Combine(temp.Folder, "keys");
        File.WriteAllText(file, "BYBIT_API_KEY=abc\nBYBIT_API_SECRET=def\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (code, _, error) = Run("trade", "--venue", "bybit-testnet", "--symbol", "BTCUSDT", "--credentials", file);
        Assert.Equal(2, code);
        Assert.Contains("make it readable by its owner only: chmod 600", error, StringComparison.Ordinal);
        Assert.DoesNotContain("def", error.Replace("undefined", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>What mm prints for <paramref name="args"/>, in-process, and its exit code.</summary>
    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = MmApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
