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

        // Three runs as columns; the mean profit of each is the one in its folder's metrics.json.
        Assert.Contains("a: as", output, StringComparison.Ordinal);
        Assert.Contains("a: glft", output, StringComparison.Ordinal);
        Assert.Contains("b: as", output, StringComparison.Ordinal);
        double profit = JsonDocument.Parse(File.ReadAllText(Path.Combine(b, "metrics.json"))).RootElement.GetProperty("results")[0].GetProperty("profit_mean").GetDouble();
        string page = File.ReadAllText(html);
        Assert.Contains("<td>profit_mean</td>", page, StringComparison.Ordinal);
        Assert.Contains(profit.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutMetricsIsNamed()
    {
        var (code, _, error) = Mm.Run("report", _folder);
        Assert.Equal(1, code);
        Assert.Contains("metrics.json", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
