using System.Text;
using System.Text.Json;
using MarketMaking.Cli;
using MarketMaking.Research.Runs;
using MarketMaking.Trading.Journal;
using MarketMaking.Venue;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>mm trade's run folder: one per session beside the journal, complete enough for mm rerun to start the session again from any folder, and no secret in it.</summary>
public class TradeRunFolderTests
{
    private static readonly string[] RunFiles = ["command.json", "config.json", "metrics.json", "report.html"];

    [Fact]
    public async Task ALiveSessionsFolderRerunFromAnotherFolderStartsTheSessionAgainInAFolderOfItsOwn()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var temp = new TempJournal();
        string secrets = Path.Combine(temp.Folder, "secrets");
        LocalVenues.CredentialsFile(local, secrets);
        string elsewhere = Directory.CreateDirectory(Path.Combine(temp.Folder, "elsewhere")).FullName;

        // Relative paths, from the journal's folder: the folder must name them absolutely.
        using (MmProcess first = MmProcess.RunIn(temp.Folder, "trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--credentials", Path.Combine("secrets", "venue.keys"), "--symbol", "SIMUSDT", "--strategy", "touch", "--max-position", "5", "--duration", "3s", "--journal", "journal.db"))
        {
            Assert.True(await first.ExitAsync(TimeSpan.FromSeconds(60)) == 0, first.Error);
            AssertNoSecret(local, first.Output + first.Error, "the first session's output");
        }

        string folder = Path.Combine(temp.Folder, "run-1");
        Assert.All(RunFiles, f => Assert.True(File.Exists(Path.Combine(folder, f)), f));
        string[] arguments = Arguments(folder);
        Assert.Equal(Path.Combine(temp.Folder, "journal.db"), After(arguments, "--journal"));
        Assert.Equal(Path.Combine(secrets, "venue.keys"), After(arguments, "--credentials"));
        using (JsonDocument config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "config.json"))))
        {
            JsonElement session = config.RootElement.GetProperty("session");
            Assert.Equal(("local", local.Url.ToString(), "SIMUSDT", "live", "touch", 1, 3.0),
                (session.GetProperty("venue").GetString(), session.GetProperty("endpoint").GetString(), session.GetProperty("symbol").GetString(), session.GetProperty("mode").GetString(),
                 session.GetProperty("strategy").GetString(), session.GetProperty("run").GetInt32(), session.GetProperty("duration_seconds").GetDouble()));
            Assert.Equal([("order_size", 1.0)], config.RootElement.GetProperty("strategy_settings").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble()))); // all touch reads: one lot of the venue's instrument
            Assert.Equal(5, config.RootElement.GetProperty("risk_limits").GetProperty("max_position").GetDouble());
            Assert.Equal("5s", config.RootElement.GetProperty("options").GetProperty("stale_after").GetString()); // a default decided the session too
            Assert.Equal(0, config.RootElement.GetProperty("end").GetProperty("orders_open_at_end").GetInt32());
        }

        string firstConfig = await File.ReadAllTextAsync(Path.Combine(folder, "config.json"));
        using (MmProcess rerun = MmProcess.RunIn(elsewhere, "rerun", folder))
        {
            Assert.True(await rerun.ExitAsync(TimeSpan.FromSeconds(60)) == 0, rerun.Error);
            Assert.StartsWith("mm trade --venue local", rerun.Output, StringComparison.Ordinal);
            AssertNoSecret(local, rerun.Output + rerun.Error, "the rerun's output");
        }

        // The same session again on the same journal (its run 2, reconciled), written beside the first, which is untouched; nothing in the rerun's working folder.
        Assert.Equal([1, 2], JournalReader.Load(Path.Combine(temp.Folder, "journal.db")).Runs.Select(r => r.Run));
        Assert.All(JournalReader.Load(Path.Combine(temp.Folder, "journal.db")).Runs, r => Assert.Equal(("local", "SIMUSDT", "touch"), (r.Venue, r.Symbol, r.Strategy)));
        Assert.Equal(firstConfig, await File.ReadAllTextAsync(Path.Combine(folder, "config.json")));
        string second = Path.Combine(temp.Folder, "run-2");
        Assert.All(RunFiles, f => Assert.True(File.Exists(Path.Combine(second, f)), f));
        Assert.Equal(arguments, Arguments(second));
        using (JsonDocument config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(second, "config.json"))))
        {
            Assert.Equal(2, config.RootElement.GetProperty("session").GetProperty("run").GetInt32());
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));

        // The credentials appear in no file the sessions wrote (the journal, both folders).
        foreach (string file in Directory.EnumerateFiles(temp.Folder, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(secrets, StringComparison.Ordinal)))
        {
            AssertNoSecret(local, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), file);
        }
    }

    [Fact]
    public async Task TwoPaperSessionsOnOneJournalLeaveTwoFoldersAndNeitherTakesAFolderThatExists()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var journal = new TempJournal();

        // A spread no one trades at keeps the paper account flat, so the journal can be resumed (a paper venue starts flat).
        var first = await Task.Run(() => Run("trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--paper", "--symbol", "SIMUSDT", "--strategy", "fixed", "--spread-bps", "3000", "--duration", "2s", "--journal", journal.Path, "--json"));
        Assert.True(first.Code == 0, first.Error);
        string one = Path.Combine(journal.Folder, "run-1");
        Assert.Equal("paper", Session(one).GetProperty("mode").GetString());
        string report = await File.ReadAllTextAsync(Path.Combine(one, "report.html"));
        Assert.Contains("order size 1, max inventory 20, spread 3000 bp, skew factor 0.5", report, StringComparison.Ordinal); // what fixed reads, one lot of SIMUSDT
        Assert.DoesNotContain("γ 0.1", report, StringComparison.Ordinal);   // and no model parameter it does not read
        using (JsonDocument config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(one, "config.json"))))
        {
            // config.json records the same settings by config key (the defaults max_inventory 20 and
            // skew_factor 0.5 included) and nothing fixed does not read; the risk limits and options as before.
            Assert.Equal(
                [("order_size", 1.0), ("max_inventory", 20.0), ("spread_bps", 3000.0), ("skew_factor", 0.5)],
                config.RootElement.GetProperty("strategy_settings").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())));
            Assert.Equal(JsonValueKind.Null, config.RootElement.GetProperty("risk_limits").GetProperty("max_position").ValueKind);   // none given: no limit
            Assert.Equal(3000, config.RootElement.GetProperty("options").GetProperty("spread_bps").GetDouble());
        }

        // A folder already named run-2 (say, of a journal deleted since) is left as it is.
        string taken = Directory.CreateDirectory(Path.Combine(journal.Folder, "run-2")).FullName;
        await File.WriteAllTextAsync(Path.Combine(taken, "keep.txt"), "mine");
        var again = await Task.Run(() => Run("rerun", one, "--json"));
        Assert.True(again.Code == 0, again.Error);

        string two = Path.Combine(journal.Folder, "run-2-2");
        Assert.Equal(["run-1", "run-2", "run-2-2"], Directory.GetDirectories(journal.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["keep.txt"], Directory.GetFiles(taken).Select(Path.GetFileName));
        Assert.Equal((1, 2), (Session(one).GetProperty("run").GetInt32(), Session(two).GetProperty("run").GetInt32()));
        Assert.Equal("paper on local", Session(two).GetProperty("venue").GetString());
        Assert.Equal([1, 2], JournalReader.Load(journal.Path).Runs.Select(r => r.Run));
    }

    private static JsonElement Session(string folder)
    {
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        return config.RootElement.GetProperty("session").Clone();
    }

    private static string[] Arguments(string folder)
    {
        using JsonDocument command = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, RunFolder.CommandFileName)));
        return [.. command.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()!)];
    }

    private static string After(string[] arguments, string option) => arguments[Array.IndexOf(arguments, option) + 1];

    private static void AssertNoSecret(LocalVenue venue, string text, string where)
    {
        Assert.False(text.Contains(venue.ApiKey, StringComparison.Ordinal), $"the API key appears in {where}");
        Assert.False(text.Contains(venue.ApiSecret, StringComparison.Ordinal), $"the API secret appears in {where}");
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = MmApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
