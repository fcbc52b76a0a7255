using System.Text.Json;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Cli.Tests;

/// <summary>
/// The README's real-day judge, its RL rows: a DQN trained on GOOG's morning tape as the README
/// trains it (one member, 300,000 transitions, seed 1, 1 ms latency), judged on the afternoon beside
/// AS and GLFT. The rows written before did not reproduce and nothing caught it; this holds the
/// conclusion the README draws from today's: on GOOG the agent loses to both, risk-adjusted.
/// </summary>
[Collection(BookHeadlines.Name)]
public sealed class RealDayHeadlineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-real-day-").FullName;

    /// <summary>The README: rl-dqn (tape, seed 1) − AS risk-adjusted −3.39 [−6.22, −0.56], − GLFT −3.50 [−6.20, −0.80].</summary>
    [SharedDataFact]
    public void ATapeDqnLosesToAsAndGlftOnGoogsAfternoon()
    {
        string day = Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_GOOG_2012-06-21_10.zip");
        string policy = Path.Combine(_folder, "tape-goog-dqn.json");
        var (code, _, error) = Mm.Run("train", "--agent", "dqn", "--members", "1", "--seed", "1", "--env", "tape", "--data", day, "--format", "lobster", "--latency", "1ms", "--steps", "300000", "--out", policy, "--json");
        Assert.True(code == 0, error);

        (code, string output, error) = Mm.Run("judge", "--data", day, "--format", "lobster", "--latency", "1ms", "--strategy", "as,glft", "--agent", policy, "--json");
        Assert.True(code == 0, error);
        JsonElement[] comparisons = [.. JsonDocument.Parse(output).RootElement.GetProperty("comparisons").EnumerateArray()];
        foreach (string baseline in new[] { "as", "glft" })
        {
            JsonElement adjusted = comparisons
                .Single(c => c.GetProperty("baseline").GetString() == baseline && c.GetProperty("candidate").GetString() == "rl-dqn")
                .GetProperty("risk_adjusted_pnl");
            Assert.Equal(8, adjusted.GetProperty("pairs").GetInt32());
            Assert.True(adjusted.GetProperty("upper").GetDouble() < 0, $"rl-dqn − {baseline} {adjusted}");
            Assert.True(adjusted.GetProperty("mean").GetDouble() <= -3, $"rl-dqn − {baseline} {adjusted}");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
