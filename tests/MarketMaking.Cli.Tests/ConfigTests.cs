using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public sealed class ConfigTests : IDisposable
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "configs", "examples");
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-config-").FullName;

    private string Write(string name, string yaml)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void SettingsComeFromTheFileAndTheCommandLineWins()
    {
        string config = Write("sim.yaml", "strategy:\n  name: as,symmetric\nsims: 300\nseed: 4\n");
        var (code, output, error) = Mm.Run("simulate", "--config", config, "--sims", "200", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement[] rows = [.. JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray()];
        Assert.Equal(["as", "symmetric"], rows.Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(rows, r => Assert.Equal(200, r.GetProperty("sims").GetInt32()));

        // The same run spelled out on the command line gives the same numbers.
        var (_, direct, _) = Mm.Run("simulate", "--strategy", "as,symmetric", "--seed", "4", "--sims", "200", "--json", "--no-save");
        Assert.Equal(direct, output);
    }

    [Theory]
    [InlineData("market_maker:\n  max_positon: 3\n", 2, "market_maker.max_positon", "takes no --max-positon")]
    [InlineData("sims: many\n", 1, "sims", "expected a whole number (digits, e.g. 1000000), got 'many'")]
    [InlineData("sims: 1.5\n", 1, "sims", "expected a whole number (digits, e.g. 1000000), got '1.5'")]
    [InlineData("gamma: abc\n", 1, "gamma", "expected a number, got 'abc'")]
    [InlineData("gamma: [0.1, 0.2]\n", 1, "gamma", "expected a number, got a list")]
    [InlineData("no_save: maybe\n", 1, "no_save", "expected true or false")]
    [InlineData("strategy: fixed\nmarket_maker:\n  spread_bps: -5\n", 3, "market_maker.spread_bps", "must be zero or positive")]
    [InlineData("strategy: [as\n", 2, "syntax", "did not find expected")]
    [InlineData("sims: 10\nsimulation:\n  market_impact: -0.5\n", 3, "simulation.market_impact", "must be zero or positive")]
    public void BadSettingsNameTheFileTheLineAndTheKey(string yaml, int line, string key, string problem)
    {
        string config = Write("bad.yaml", yaml);
        var (code, _, error) = Mm.Run("simulate", "--config", config);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {config}:{line}: {key}: ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunFolderCanBeRepeatedExactly()
    {
        string folder = Path.Combine(_folder, "run");
        string config = Write("run.yaml", $"strategy: as\nsims: 200\nout: {folder}\n");
        Assert.Equal(0, Mm.Run("simulate", "--config", config).Code);
        string first = File.ReadAllText(Path.Combine(folder, "metrics.json"));
        JsonElement recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "command.json"))).RootElement.GetProperty("arguments");
        Assert.Equal(["simulate", "--strategy", "as", "--sims", "200", "--out", folder], recorded.EnumerateArray().Select(a => a.GetString()));

        File.Delete(Path.Combine(folder, "metrics.json"));
        var (code, _, error) = Mm.Run("rerun", folder);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(first, File.ReadAllText(Path.Combine(folder, "metrics.json")));
    }

    [Fact]
    public void ARunFolderRecordsItsPathsResolvedSoItRerunsFromAnyFolder()
    {
        // Given relative to the working folder, the paths are recorded absolute.
        string folder = Path.Combine(_folder, "relative");
        string config = Write("relative.yaml", "strategy: as\nsims: 100\n");
        string relativeOut = Path.GetRelativePath(Environment.CurrentDirectory, folder), relativeConfig = Path.GetRelativePath(Environment.CurrentDirectory, config);
        Assert.False(Path.IsPathRooted(relativeOut));
        Assert.Equal(0, Mm.Run("simulate", "--config", relativeConfig, "--out", relativeOut).Code);
        JsonElement recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "command.json"))).RootElement.GetProperty("arguments");
        Assert.Equal(["simulate", "--out", folder, "--strategy", "as", "--sims", "100"], recorded.EnumerateArray().Select(a => a.GetString()));
        string first = File.ReadAllText(Path.Combine(folder, "metrics.json"));
        var (code, output, error) = Mm.Run("rerun", folder, "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal("as", JsonDocument.Parse(output).RootElement.GetProperty("results")[0].GetProperty("strategy").GetString());

        // The run that was there is kept beside it; without --json the run folder's line says where.
        string kept = Assert.Single(Directory.GetDirectories(_folder, "relative-*"));
        Assert.Matches(@"^relative-\d{8}-\d{6}$", Path.GetFileName(kept));
        Assert.Equal(first, File.ReadAllText(Path.Combine(kept, "metrics.json")));
        Assert.Equal(first, File.ReadAllText(Path.Combine(folder, "metrics.json")));   // the same seed, the same numbers
        (code, output, _) = Mm.Run("simulate", "--strategy", "as", "--sims", "100", "--out", folder);
        Assert.Equal(0, code);
        string second = Assert.Single(Directory.GetDirectories(_folder, "relative-*"), d => d != kept);
        Assert.Contains($"run folder: {folder} (the run that was there is kept as {second})", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ARerunWithJsonRecordsTheCommandWithoutIt()
    {
        string folder = Path.Combine(_folder, "rerun");
        Assert.Equal(0, Mm.Run("simulate", "--strategy", "as", "--sims", "100", "--out", folder).Code);
        string[] recorded = ["simulate", "--strategy", "as", "--sims", "100", "--out", folder];
        Assert.Equal(recorded, Arguments(folder));

        // --json is how the rerun prints: its run folder records the command as it was, so the rerun of the rerun prints a table.
        var (code, output, _) = Mm.Run("rerun", folder, "--json");
        Assert.Equal(0, code);
        Assert.Equal("as", JsonDocument.Parse(output).RootElement.GetProperty("results")[0].GetProperty("strategy").GetString());
        Assert.Equal(recorded, Arguments(folder));
        (code, output, _) = Mm.Run("rerun", folder);
        Assert.Equal(0, code);
        Assert.StartsWith($"mm {string.Join(' ', recorded)}\n", output, StringComparison.Ordinal);
        Assert.Contains($"run folder: {folder}", output, StringComparison.Ordinal);

        // A command recorded with --json keeps it: the rerun adds nothing.
        Assert.Equal(0, Mm.Run([.. recorded, "--json"]).Code);
        Assert.Equal(0, Mm.Run("rerun", folder, "--json").Code);
        Assert.Equal([.. recorded, "--json"], Arguments(folder));
    }

    /// <summary>
    /// A folder that is no run folder, or a run folder written through the library (results, no command),
    /// is named as such; before, both said "FOLDER/command.json: file: no such file".
    /// </summary>
    [Fact]
    public void ARerunOfAFolderWithoutACommandSaysWhy()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        var (code, _, error) = Mm.Run("rerun", empty);
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(empty, "command.json")}: file: no such file: {empty} is not a run folder (the commands that run something write one, with --out)\n", error);

        File.WriteAllText(Path.Combine(empty, "metrics.json"), "{\"results\":[]}");
        (code, _, error) = Mm.Run("rerun", empty);
        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(empty, "command.json")}: file: no such file: the run in {empty} was not written by an mm command, so there is none to repeat\n", error);
    }

    private static string[] Arguments(string folder) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "command.json"))).RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()!)];

    [Fact]
    public void ConfigShowListsEverySettingWithItsOptionAndLine()
    {
        var (code, output, error) = Mm.Run("config", "show", "--config", Path.Combine(Examples, "simulate-lob-toxic.yaml"), "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement[] entries = [.. JsonDocument.Parse(output).RootElement.EnumerateArray()];
        JsonElement threshold = entries.Single(e => e.GetProperty("key").GetString() == "guard.guard_threshold");
        Assert.Equal("--guard-threshold", threshold.GetProperty("option").GetString());
        Assert.Equal("0.55", threshold.GetProperty("value").GetString());
    }

    /// <summary>Every example config runs (made small from the command line), so none can rot.</summary>
    [Theory]
    [InlineData("simulate-model.yaml", new[] { "simulate", "--sims", "100", "--no-save" })]
    [InlineData("simulate-model-costs.yaml", new[] { "simulate", "--sims", "100", "--no-save" })]
    [InlineData("simulate-lob-toxic.yaml", new[] { "simulate", "--runs", "2", "--calibrate-seconds", "120", "--guard-train-runs", "2", "--no-save" })]
    public void ExampleConfigsRun(string file, string[] args)
    {
        var (code, _, error) = Mm.Run([.. args, "--config", Path.Combine(Examples, file)]);
        Assert.Equal(0, code);
        Assert.Empty(error);
    }

    [Fact]
    public void TheTrainingExampleRunsWithItsAgentSection()
    {
        string policy = Path.Combine(_folder, "dqn.json"), curve = Path.Combine(_folder, "dqn.csv");
        var (code, output, error) = Mm.Run("train", "--steps", "20000", "--out", policy, "--curve", curve, "--config", Path.Combine(Examples, "train-dqn.yaml"));
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith("dqn:", output.Trim(), StringComparison.Ordinal);
        Assert.Contains("80,128 transitions", output, StringComparison.Ordinal); // 20,000 rounded up to whole steps of 64 trajectories, for each of four members
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(policy));
        Assert.Equal("marketmaking.dqn-ensemble", file.RootElement.GetProperty("format").GetString());
        Assert.Equal(4, file.RootElement.GetProperty("members").GetArrayLength());
    }

    [SharedDataTheory]
    [InlineData("backtest-bars.yaml", new[] { "backtest", "--no-save" })]
    [InlineData("tune-bars.yaml", new[] { "tune", "--grid", "spread_bps=10,30" })]
    public void ExampleConfigsRunOnRealBars(string file, string[] args)
    {
        string[] extra = file.StartsWith("tune", StringComparison.Ordinal)
            ? ["--results", Path.Combine(_folder, "t.csv"), "--best-config", Path.Combine(_folder, "best.yaml")]
            : [];
        var (code, _, error) = Mm.Run([.. args, .. extra, "--data", SharedData.Klines, "--config", Path.Combine(Examples, file)]);
        Assert.Equal(0, code);
        Assert.Empty(error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
