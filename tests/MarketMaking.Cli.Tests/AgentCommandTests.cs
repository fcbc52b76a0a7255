using System.Text.Json;

namespace MarketMaking.Cli.Tests;

public sealed class AgentCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-agent-").FullName;

    [Theory]
    [InlineData("qlearning")]
    [InlineData("dqn")]
    [InlineData("ppo")]
    public void TrainWritesPolicyCurveAndResumesThenEvaluateComparesWithTheOptimum(string agent)
    {
        string policy = Path.Combine(_folder, $"{agent}.json"), curve = Path.Combine(_folder, $"{agent}.csv");
        var (code, output, error) = Mm.Run("train", "--agent", agent, "--env", "cj", "--steps", "200000", "--envs", "64", "--seed", "3", "--out", policy, "--curve", curve);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("transitions in", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(curve);
        Assert.Equal("steps,seconds,steps_per_second,mean_episode_reward", lines[0]);
        Assert.True(lines.Length >= 2);
        Assert.Equal(4, lines[^1].Split(',').Length);

        // Resuming adds the new steps to the same agent.
        (code, _, error) = Mm.Run("train", "--resume", policy, "--steps", "100000", "--envs", "64", "--out", policy);
        Assert.Equal(0, code);
        Assert.Empty(error);

        (code, output, error) = Mm.Run("evaluate", "--policy", policy, "--env", "cj", "--runs", "500", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement[] results = [.. root.GetProperty("results").EnumerateArray()];
        Assert.Equal([agent, "cj (optimal)"], results.Take(2).Select(r => r.GetProperty("strategy").GetString()));
        Assert.Equal(1, results[1].GetProperty("gap_closed").GetDouble(), 12);
        Assert.Equal(0, results[2].GetProperty("gap_closed").GetDouble(), 12);

        // The optimum beats every other strategy on the same seeds.
        double optimum = results[1].GetProperty("objective").GetDouble();
        Assert.All(results.Where(r => r.GetProperty("strategy").GetString() != "cj (optimal)"), r => Assert.True(r.GetProperty("objective").GetDouble() < optimum));
        Assert.Equal(21, root.GetProperty("quotes").GetArrayLength());
    }

    [Fact]
    public void AnAgentTrainsOnTheBookAndMeetsCalibratedAsAndGlftOnHeldOutSeeds()
    {
        string policy = Path.Combine(_folder, "lob.json");
        var (code, _, error) = Mm.Run("train", "--agent", "ppo", "--env", "lob", "--preset", "toxic", "--steps", "6000", "--envs", "8", "--out", policy);
        Assert.Equal(0, code);
        Assert.Empty(error);

        string output;
        (code, output, error) = Mm.Run("evaluate", "--policy", policy, "--env", "lob", "--preset", "toxic", "--runs", "3", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["ppo", "as", "glft"], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(root.GetProperty("results").EnumerateArray(), r => Assert.Equal(3, r.GetProperty("sims").GetInt32()));
        JsonElement[] differences = [.. root.GetProperty("paired_differences").EnumerateArray()];
        Assert.Equal(["as", "glft"], differences.Select(d => d.GetProperty("baseline").GetString()));

        // A policy for the book does not fit the model-market benchmark (25 actions, not 144).
        (code, _, error) = Mm.Run("evaluate", "--policy", policy, "--env", "cj", "--runs", "100");
        Assert.Equal(1, code);
        Assert.Contains("actions", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "train", "--agent", "sarsa" }, "unknown agent 'sarsa'")]
    [InlineData(new[] { "train", "--agent", "ppo", "--env", "moon" }, "unknown environment 'moon'")]
    [InlineData(new[] { "train" }, "name an agent")]
    public void MistakesAreOneLine(string[] args, string expected)
    {
        var (code, _, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAPolicyIsRefusedByName()
    {
        string path = Path.Combine(_folder, "not-a-policy.json");
        File.WriteAllText(path, "{\"format\": \"spread_predictor\"}");
        var (code, _, error) = Mm.Run("evaluate", "--policy", path);
        Assert.Equal(1, code);
        Assert.Contains("not-a-policy.json", error, StringComparison.Ordinal);
        Assert.Contains("format", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
