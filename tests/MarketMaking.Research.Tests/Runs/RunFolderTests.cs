using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Reporting;
using MarketMaking.Research.Runs;

namespace MarketMaking.Research.Tests.Runs;

public sealed class RunFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-run-folder-").FullName;

    [Fact]
    public void AFolderHoldsSettingsMetricsReportAndTheCommandWhenGiven()
    {
        var report = new ReportDocument("t", null, [new ReportSection("s", [new ParagraphBlock("p")])]);
        string plain = RunFolder.Write(Path.Combine(_folder, "a"), new { SpreadBps = 5.0 }, new { NetPnl = double.NaN }, report);
        Assert.Equal(["config.json", "metrics.json", "report.html"], Directory.GetFiles(plain).Select(Path.GetFileName).Order());

        // snake_case keys, NaN as null: JSON has no NaN.
        Assert.Equal(5, JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "config.json"))).RootElement.GetProperty("spread_bps").GetDouble());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "metrics.json"))).RootElement.GetProperty("net_pnl").ValueKind);

        string repeatable = RunFolder.Write(Path.Combine(_folder, "b"), new { }, new { }, report, ["backtest", "--data", "x.gz"]);
        JsonElement command = JsonDocument.Parse(File.ReadAllText(Path.Combine(repeatable, RunFolder.CommandFileName))).RootElement;
        Assert.Equal(["backtest", "--data", "x.gz"], command.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void ARunAlreadyInTheFolderIsKeptBesideItStampedWithItsTime()
    {
        var report = new ReportDocument("t", null, []);
        string folder = Path.Combine(_folder, "backtest");
        Assert.Null(RunFolder.KeepPrevious(folder));   // nothing there yet
        RunFolder.Write(folder, new { Run = 1 }, new { NetPnl = 1.0 }, report, ["backtest"]);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "the user's own");
        File.SetLastWriteTimeUtc(Path.Combine(folder, RunFolder.MetricsFileName), new DateTime(2026, 12, 5, 1, 2, 3, DateTimeKind.Utc));

        string? kept = RunFolder.KeepPrevious(folder + "/");
        Assert.Equal(folder + "-20261205-010203", kept);
        Assert.Equal(["command.json", "config.json", "metrics.json", "report.html"], Directory.GetFiles(kept!).Select(Path.GetFileName).Order());
        Assert.Equal(1, JsonDocument.Parse(File.ReadAllText(Path.Combine(kept!, RunFolder.ConfigFileName))).RootElement.GetProperty("run").GetInt32());
        Assert.Equal(["notes.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));   // only the run's files move

        // A second run written in the same second goes to a numbered folder, never onto the first.
        RunFolder.Write(folder, new { Run = 2 }, new { NetPnl = 2.0 }, report);
        File.SetLastWriteTimeUtc(Path.Combine(folder, RunFolder.MetricsFileName), new DateTime(2026, 12, 5, 1, 2, 3, DateTimeKind.Utc));
        Assert.Equal(folder + "-20261205-010203-2", RunFolder.KeepPrevious(folder));
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder + "-20261205-010203-2", RunFolder.ConfigFileName))).RootElement.GetProperty("run").GetInt32());
    }

    [Fact]
    public void AnUnwritableFolderIsOneLineNamingIt()
    {
        string blocked = Path.Combine(_folder, "file");
        File.WriteAllText(blocked, "not a folder");
        var e = Assert.Throws<OutputException>(() => RunFolder.Write(Path.Combine(blocked, "run"), new { }, new { }, new ReportDocument("t", null, [])));
        Assert.Contains(blocked, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunFoldersComparedSideBySideShowEveryMetricAnyResultHas()
    {
        var report = new ReportDocument("t", null, []);
        string a = RunFolder.Write(Path.Combine(_folder, "a"), new { Command = "simulate" }, new { Results = new object[] { new { Market = "as", Strategy = "as", ProfitMean = 1.23456, Only = 1.0 }, new { Market = "adverse", Strategy = "as", ProfitMean = 250.25, Only = 2.0 } } }, report);
        string b = RunFolder.Write(Path.Combine(_folder, "b"), new { Command = "backtest", Settings = new { Data = "../data/btc_1m.csv (ohlcv)" } }, new { Results = new object[] { new { Strategy = "as", ProfitMean = double.NaN } } }, report);
        RunComparison comparison = RunComparison.Read([a, b]);

        // The same strategy on two markets: the market tells the columns apart (a backtest's is its data file).
        Assert.Equal(["a: as on as", "a: as on adverse", "b: as on btc_1m.csv"], comparison.Runs);
        Assert.Equal(new ComparedRun("a", "as", "adverse"), comparison.Columns[1]);
        Assert.Equal(["profit_mean", "only"], comparison.Metrics);
        Assert.Equal(["1.2346", "250.2", "–"], comparison.Values[0]);   // four decimals, one from 100 up, a dash for NaN
        Assert.Equal(["1", "2", "–"], comparison.Values[1]);   // whole numbers in every run as such; a dash for a metric the run does not have

        // Unrounded, as metrics.json holds them: what --json prints.
        Assert.Equal(1.23456, comparison.RunMetrics[0]["profit_mean"].GetDouble());
        Assert.Equal("2", comparison.RunMetrics[1]["only"].GetRawText());
        Assert.Equal(JsonValueKind.Null, comparison.RunMetrics[2]["profit_mean"].ValueKind);
        Assert.False(comparison.RunMetrics[2].ContainsKey("only"));
        var table = Assert.IsType<TableBlock>(comparison.Report().Sections[0].Blocks[0]);
        Assert.Equal(["metric", "a: as on as", "a: as on adverse", "b: as on btc_1m.csv"], table.Headers);

        var missing = Assert.Throws<DataFormatException>(() => RunComparison.Read([_folder]));
        Assert.Equal($"{Path.Combine(_folder, "metrics.json")}: file: no such file: {_folder} is not a run folder (the commands that run something write one, with --out)", missing.Message);
    }

    [Fact]
    public void AFileGivenForARunFolderIsNamedAsOneAndAJournalPointedToItsCommand()
    {
        string text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "not a run");
        string journal = Path.Combine(_folder, "journal.db");
        File.WriteAllBytes(journal, [.. "SQLite format 3\0"u8, .. new byte[84]]);

        Assert.Equal($"{text}: file: a file, not a run folder (the commands that run something write one, with --out)", RunFolder.Missing(text, RunFolder.MetricsFileName).Message);
        Assert.Equal($"{journal}: file: a SQLite file, not a run folder: a trading journal is drawn by mm journal {journal} report, and its sessions' run folders are beside it", RunFolder.Missing(journal, RunFolder.MetricsFileName).Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
