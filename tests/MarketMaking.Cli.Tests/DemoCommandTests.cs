using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mm-demo-{Guid.NewGuid():N}");

    [Fact]
    public void WritesTheRunFolderAndOneRowPerModelAndMarket()
    {
        var (code, output, error) = Mm.Run("demo", "--sims", "200", "--out", _folder);
        Assert.Equal(0, code);
        Assert.Empty(error);

        string[] models = ["as", "symmetric", "glft", "glft-exact", "cj", "fixed", "adaptive"];
        foreach (string model in models)
        {
            Assert.Contains(model, output, StringComparison.Ordinal);
        }

        JsonElement results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "metrics.json"))).RootElement.GetProperty("results");
        Assert.Equal(2 * models.Length, results.GetArrayLength());
        Assert.Equal(["as", "adverse"], results.EnumerateArray().Select(r => r.GetProperty("market").GetString()).Distinct());

        // The resolved settings are kept so the run can be repeated: both markets, every parameter.
        JsonElement config = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "config.json"))).RootElement;
        Assert.Equal(200, config.GetProperty("monte_carlo").GetProperty("trajectories").GetInt32());
        Assert.Equal(0.4, config.GetProperty("markets")[1].GetProperty("parameters").GetProperty("adverse_selection_probability").GetDouble());

        // Self-contained: charts inline, nothing fetched from the network, no scripts.
        string html = File.ReadAllText(Path.Combine(_folder, "report.html"));
        Assert.True(html.Split("<svg").Length - 1 >= 2 * ((2 * models.Length) + 2), "PnL, inventory, quote and distribution charts per market");
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", html);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.False(Directory.EnumerateFiles(_folder, "*.part", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void JsonModePrintsOnlyJson()
    {
        var (code, output, _) = Mm.Run("demo", "--sims", "50", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Equal(14, JsonDocument.Parse(output).RootElement.GetProperty("results").GetArrayLength());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
