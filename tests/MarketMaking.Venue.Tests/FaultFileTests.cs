using MarketMaking.Core.Errors;
using MarketMaking.Venue.Faults;

namespace MarketMaking.Venue.Tests;

public sealed class FaultFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-faults-").FullName;

    [Fact]
    public void TheExampleFileSwitchesOnEveryFault()
    {
        FaultPlan plan = FaultFile.Load(Path.Combine(AppContext.BaseDirectory, "configs", "venue-faults.yaml"));

        Assert.Equal(7UL, plan.Seed);
        Assert.Equal(Enum.GetValues<FaultKind>().Length, plan.Rules.Count);
        Assert.Equal(0.01, plan.Rule(FaultKind.DropConnection)!.Rate);
        Assert.Equal((TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(5)), (plan.Rule(FaultKind.MarketDataPause)!.Every, plan.Rule(FaultKind.MarketDataPause)!.Duration));
        Assert.Equal(TimeSpan.FromMilliseconds(300), plan.Rule(FaultKind.PrivateDelay)!.Delay);
        Assert.Equal((TimeSpan.FromSeconds(15), 0.5), (plan.Rule(FaultKind.Timeout)!.Hold, plan.Rule(FaultKind.Timeout)!.Executed));
        Assert.Equal(503, plan.Rule(FaultKind.ServerError)!.Status);
        Assert.Equal([TimeSpan.FromSeconds(60)], plan.Rule(FaultKind.RateLimitSqueeze)!.At);
        Assert.Equal(0.2, plan.Rule(FaultKind.RateLimitSqueeze)!.Factor);
        Assert.Equal(TimeSpan.FromSeconds(3), plan.Rule(FaultKind.ClockSkew)!.Offset);
    }

    [Theory]
    [InlineData("drop_conection:\n  rate: 0.1\n", 1, "drop_conection", "unknown fault")]
    [InlineData("skip_delta:\n  rate: 1.5\n", 2, "skip_delta.rate", "from 0 to 1")]
    [InlineData("private_delay:\n  rate: 0.1\n  delay: soon\n", 3, "private_delay.delay", "250ms")]
    [InlineData("timeout:\n  rate: 0.1\n  status: 503\n", 3, "timeout.status", "timeout takes")]
    [InlineData("http_5xx:\n  status: 503\n", 1, "http_5xx", "needs a rate or a schedule")]
    [InlineData("seed: [1\n", 2, "syntax", "")]
    [InlineData("clock_skew: 3s\n", 1, "clock_skew", "expected its settings")]
    public void AMistakeNamesTheFileTheLineAndTheKey(string yaml, int line, string key, string problem)
    {
        string path = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(path, yaml);

        var error = Assert.Throws<ConfigurationException>(() => FaultFile.Load(path));

        Assert.StartsWith($"{path}:{line}: {key}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }

    [Theory]
    [InlineData("250ms", 0.25)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1.5", 1.5)]
    public void TimesReadWithTheirUnits(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), FaultFile.ParseTime(text));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
