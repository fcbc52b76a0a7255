using System.Text.Json;

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
        Assert.Equal(1, code);
        Assert.Contains("metrics.json", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
