using System.Text.Json;
using MarketMaking.Cli.Output;

namespace MarketMaking.Cli.Tests;

/// <summary>Progress when the output is not a terminal: lines on standard error, never mixed into the results.</summary>
public sealed class ProgressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-progress-").FullName;

    [Fact]
    public void ARedirectedEvaluationPrintsALinePerStrategyScoredToStandardError()
    {
        string policy = Path.Combine(_folder, "q.json");
        Assert.Equal(0, Mm.Run("train", "--agent", "qlearning", "--steps", "6400", "--envs", "64", "--out", policy).Code);

        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = MmApplication.Run(["evaluate", "--policy", policy, "--runs", "200", "--json"], output, error, TimeSpan.Zero);
        Assert.Equal(0, code);
        Assert.Equal(5, JsonDocument.Parse(output.ToString()).RootElement.GetProperty("results").GetArrayLength());   // the JSON is untouched
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("evaluate: cj (optimal) scored: 1 of 5 (20 %) after ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("evaluate: best constant depth scored: 2 of 5 (40 %)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("evaluate: glft scored: 5 of 5 (100 %)", lines[4], StringComparison.Ordinal);

        // In-process runs without a progress interval (and quick ones) print nothing.
        Assert.Empty(Mm.Run("evaluate", "--policy", policy, "--runs", "200", "--json").Error);
    }

    [Fact]
    public void ARedirectedSweepPrintsItsProgress()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = MmApplication.Run(["tune", "--grid", "gamma=0.1,0.2,0.3", "--strategy", "as", "--sims", "100", "--results", Path.Combine(_folder, "t.csv")], output, error, TimeSpan.Zero);
        Assert.Equal(0, code);
        Assert.Equal(
            ["tune as: 3 points: 1 of 3 (33 %)", "tune as: 3 points: 2 of 3 (67 %)", "tune as: 3 points: 3 of 3 (100 %)"],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(" after", StringComparison.Ordinal)]));
    }

    [Fact]
    public void LinesComeNoMoreOftenThanTheInterval()
    {
        using var log = new StringWriter();
        var slow = new ProgressLine("work", 10, null, log, TimeSpan.FromHours(1));
        for (int i = 0; i < 10; i++)
        {
            slow.Increment(1);
        }

        Assert.Empty(log.ToString());   // work shorter than the interval stays quiet
        var every = new ProgressLine("work", 4, null, log, TimeSpan.Zero);
        every.Value = 1;
        every.Description = "other work";
        every.Increment(1);
        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("work: 1 of 4 (25 %) after 0 s, about ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("other work: 2 of 4 (50 %) after 0 s", lines[1], StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
