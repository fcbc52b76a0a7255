using System.Text.Json;
using MarketMaking.Research.Reports;

namespace MarketMaking.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-report-").FullName;

    [Fact]
    public void PutsRunFoldersSideBySideWithEveryMetricTheyShare()
    {
        string a = Path.Combine(_folder, "a"), b = Path.Combine(_folder, "b"), html = Path.Combine(_folder, "compare.html");
        Assert.Equal(0, Mm.Run("simulate", "--strategy", "as,glft", "--sims", "100", "--out", a).Code);
        Assert.Equal(0, Mm.Run("simulate", "--strategy", "as", "--gamma", "0.5", "--sims", "100", "--out", b).Code);
        var (code, output, error) = Mm.Run("report", a, b, "--out", html);
        Assert.Equal(0, code);
        Assert.Empty(error);

        // Three runs as columns, headed folder / strategy / market; the mean profit of each is the one in its folder's metrics.json.
        string[] header = output.Split('\n')[1..4];
        Assert.Equal(["a", "a", "b"], Cells(header[0]).Skip(1));
        Assert.Equal(["as", "glft", "as"], Cells(header[1]).Skip(1));
        Assert.Equal(["on as", "on as", "on as"], Cells(header[2]).Skip(1));
        double profit = JsonDocument.Parse(File.ReadAllText(Path.Combine(b, "metrics.json"))).RootElement.GetProperty("results")[0].GetProperty("profit_mean").GetDouble();
        string page = File.ReadAllText(html);
        Assert.Contains("<td>profit_mean</td>", page, StringComparison.Ordinal);
        Assert.Contains(profit.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonGivesEveryMetricUnroundedAndIntegersAsIntegers()
    {
        string a = Path.Combine(_folder, "a"), html = Path.Combine(_folder, "compare.html");
        Assert.Equal(0, Mm.Run("simulate", "--strategy", "as", "--sims", "100", "--out", a).Code);
        var (code, output, error) = Mm.Run("report", a, "--out", html, "--json");
        Assert.True(code == 0, error);
        JsonElement written = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "metrics.json"))).RootElement.GetProperty("results")[0];
        JsonElement metrics = JsonDocument.Parse(output).RootElement.GetProperty("runs")[0].GetProperty("metrics");
        Assert.Equal(JsonValueKind.Number, metrics.GetProperty("profit_mean").ValueKind);
        Assert.Equal(written.GetProperty("profit_mean").GetDouble(), metrics.GetProperty("profit_mean").GetDouble());
        Assert.Equal("100", metrics.GetProperty("sims").GetRawText());
        Assert.Equal(
            written.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => (p.Name, p.Value.GetRawText())),
            metrics.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => (p.Name, p.Value.GetRawText())));
    }

    [SharedDataFact]
    public void ABacktestBesideASimulationKeepsTheMetricsOnlyOneOfThemHas()
    {
        string bt = Path.Combine(_folder, "bt"), sim = Path.Combine(_folder, "sim"), html = Path.Combine(_folder, "compare.html");
        Assert.Equal(0, Mm.Run("backtest", "--bars", "--data", SharedData.Klines, "--strategy", "fixed", "--out", bt).Code);
        Assert.Equal(0, Mm.Run("simulate", "--strategy", "as", "--sims", "100", "--out", sim).Code);
        var (code, output, error) = Mm.Run("report", bt, sim, "--out", html);
        Assert.True(code == 0, error);
        JsonElement backtest = JsonDocument.Parse(File.ReadAllText(Path.Combine(bt, "metrics.json"))).RootElement.GetProperty("results")[0];
        string[] Row(string metric) => Cells(output.Split('\n').Single(l => Cells(l).FirstOrDefault() == metric));
        Assert.Equal(["net_pnl", Formats.Compact(backtest.GetProperty("net_pnl").GetDouble()), "–"], Row("net_pnl"));
        Assert.Equal(["fills", backtest.GetProperty("fills").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "–"], Row("fills"));   // whole in every run that has it: no decimals
        Assert.Equal("–", Row("profit_mean")[1]);
        Assert.Equal("0.2431", Row("fill_rate")[2]);   // shared: both columns filled

        using JsonDocument json = JsonDocument.Parse(Mm.Run("report", bt, sim, "--out", html, "--json").Output);
        JsonElement[] runs = [.. json.RootElement.GetProperty("runs").EnumerateArray()];
        Assert.Equal(backtest.GetProperty("net_pnl").GetDouble(), runs[0].GetProperty("metrics").GetProperty("net_pnl").GetDouble());
        Assert.Equal(backtest.GetProperty("orders").GetRawText(), runs[0].GetProperty("metrics").GetProperty("orders").GetRawText());
        Assert.DoesNotContain('.', runs[0].GetProperty("metrics").GetProperty("orders").GetRawText());
        Assert.False(runs[1].GetProperty("metrics").TryGetProperty("net_pnl", out _));
    }

    [Fact]
    public void ManyRunsAreSplitIntoTablesThatFitTheWidthAndNameTheirMarket()
    {
        // Two demo folders: 7 strategies on 2 markets each, 28 runs with 20-odd metrics.
        string a = Path.Combine(_folder, "demo"), b = Path.Combine(_folder, "demo5k"), html = Path.Combine(_folder, "c.html");
        Assert.Equal(0, Mm.Run("demo", "--sims", "50", "--out", a).Code);
        Assert.Equal(0, Mm.Run("demo", "--sims", "60", "--out", b).Code);
        var (code, output, error) = Mm.Run("report", a, b, "--out", html);
        Assert.Equal(0, code);
        Assert.Empty(error);

        // Redirected output is 200 characters wide: every line fits, so the 28 runs span several tables.
        string[] lines = output.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 200, $"{l.Length} characters: {l}"));
        int tables = lines.Count(l => l.StartsWith('╭'));
        Assert.True(tables >= 2, $"{tables} tables");

        // Each strategy appears once per market in each folder: 2 × 2 columns, told apart by "on as" / "on adverse".
        Assert.Equal(14, lines.Sum(l => Cells(l).Count(c => c == "on adverse")));
        Assert.Equal(14, lines.Sum(l => Cells(l).Count(c => c == "on as")));
        using JsonDocument json = JsonDocument.Parse(Mm.Run("report", a, b, "--out", html, "--json").Output);
        JsonElement[] runs = [.. json.RootElement.GetProperty("runs").EnumerateArray()];
        Assert.Equal(28, runs.Length);
        Assert.Equal(28, runs.Select(r => $"{r.GetProperty("folder")}/{r.GetProperty("strategy")}/{r.GetProperty("market")}").Distinct().Count());
    }

    /// <summary>The cells of a table line, trimmed.</summary>
    private static string[] Cells(string line) => [.. line.Split('│').Skip(1).SkipLast(1).Select(c => c.Trim())];

    [Fact]
    public void AFolderWithoutMetricsIsNamed()
    {
        var (code, _, error) = Mm.Run("report", _folder);
        Assert.Equal(2, code);
        Assert.Contains("metrics.json", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
