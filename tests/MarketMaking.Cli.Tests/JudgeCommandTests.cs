using System.Text.Json;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Cli.Tests;

public sealed class JudgeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-judge-").FullName;

    [Theory]
    [InlineData("--split", "noon", "split")]
    [InlineData("--block", "7m", "block")]
    [InlineData("--strategy", "as,nope", "strategy")]
    public void ABadSettingIsOneLineNamingIt(string option, string value, string named)
    {
        var (code, output, error) = Mm.Run("judge", "--data", "missing.zip", "--format", "lobster", option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// --agent's recorded environment was not read: a policy trained on the book, or at another latency, was judged on the
    /// tape as if it had learned it. Those are refused before the day is read (exit 2, both values named); another
    /// day or hours stay allowed (judging out of sample is the point), and a shaped training φ is judged with a note.
    /// The day here is missing: what reaches the data fails on it after the check.
    /// </summary>
    [Theory]
    [InlineData("\"env\": \"lob\", \"preset\": \"toxic\"", "", "error: invalid agent: POLICY was trained with --env lob, not on a recorded tape (--env tape): mm judge replays the day's queues, which its quotes never met")]
    [InlineData("\"env\": \"cj\"", "--latency 1ms", "error: invalid agent: POLICY was trained with --env cj, not on a recorded tape (--env tape): mm judge replays the day's queues, which its quotes never met")]
    [InlineData("\"env\": \"tape\", \"latency\": \"1ms\"", "", "error: invalid latency: POLICY was trained with --latency 1ms, not --latency 0ms (the default): the agent is judged at the latency it learned (give --latency 1ms)")]
    [InlineData("\"env\": \"tape\", \"latency\": \"1ms\"", "--latency 5ms", "error: invalid latency: POLICY was trained with --latency 1ms, not --latency 5ms: the agent is judged at the latency it learned (give --latency 1ms)")]
    // The judged day's own tape past the split: the agent has seen the afternoon it would be judged on.
    [InlineData("\"env\": \"tape\", \"data\": \"DAY\", \"until\": \"16:00\"", "", "error: invalid agent: POLICY was trained on this day's tape until 16:00, past the judged afternoon's start 12:00: judging it there is no out-of-sample test (give --split 16:00 or later, or train with --until 12:00)")]
    public void JudgeRefusesAnAgentOfOtherDynamics(string record, string latency, string expected)
    {
        string policy = Policy(record);
        var (code, output, error) = Mm.Run(["judge", "--data", "missing.zip", "--format", "lobster", "--agent", policy, .. latency.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected.Replace("POLICY", policy, StringComparison.Ordinal), error.Trim());
    }

    [Theory]
    [InlineData("\"env\": \"tape\", \"data\": \"/elsewhere/other-day.zip\", \"until\": \"11:00\", \"latency\": \"1ms\", \"training_phi\": \"0.2\"", "note: POLICY was trained with --training-phi 0.2, not the tape's own φ 0.01: a shaped reward, judged as every strategy is (net and risk-adjusted PnL)")]
    [InlineData("\"env\": \"tape\", \"data\": \"/elsewhere/other-day.zip\", \"latency\": \"1000us\", \"training_phi\": \"0.010\"", null)]
    [InlineData("\"env\": \"tape\", \"training_phi\": \"default\"", null)]
    [InlineData("\"env\": \"tape\", \"data\": \"DAY\", \"until\": \"12:00\", \"latency\": \"1ms\"", null)] // the judged day's morning: out of sample
    public void JudgeTakesAnAgentOfAnotherDayOrHoursAndNotesAShapedPhi(string record, string? note)
    {
        string policy = Policy(record);
        var (code, _, error) = Mm.Run("judge", "--data", "missing.zip", "--format", "lobster", "--latency", "1ms", "--agent", policy);

        // Past the check: the run goes on to the (missing) day.
        Assert.Equal(2, code);
        string[] lines = error.Trim().Split('\n');
        Assert.Equal(note is null ? 1 : 2, lines.Length);
        Assert.Contains("missing.zip", lines[^1], StringComparison.Ordinal);
        if (note is not null)
        {
            Assert.Equal(note.Replace("POLICY", policy, StringComparison.Ordinal), lines[0]);
        }
    }

    /// <summary>
    /// A member trained apart (--members N --member I) carries its run's settings in its marker, not a record: the
    /// judge read none and judged a member of another latency as if it had learned the judged one. An earlier
    /// build's member, its tape recorded as one text, is read in the current form.
    /// </summary>
    [Theory]
    [InlineData("\"environment\": \"tape\", \"preset\": \"-\", \"data\": \"/elsewhere/day.zip\", \"until\": \"11:00\", \"latency\": \"1ms\"", "1ms")]
    [InlineData("\"environment\": \"tape\", \"data\": \"day.zip 09:30–11:00, latency 5ms\"", "5ms")]
    public void JudgeChecksAMemberTrainedApart(string run, string trained)
    {
        string path = Path.Combine(_folder, "member.json");
        File.WriteAllText(path, "{\"format\": \"marketmaking.dqn-ensemble\", \"ensemble_member\": {\"index\": 0, \"members\": 2, \"complete\": true, \"steps\": 10, \"run\": {\"agent\": \"dqn\", " + run + "}}}");
        var (code, output, error) = Mm.Run("judge", "--data", "missing.zip", "--format", "lobster", "--agent", path);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: invalid latency: {path} was trained with --latency {trained}, not --latency 0ms (the default): the agent is judged at the latency it learned (give --latency {trained})", error.Trim());
    }

    /// <summary>A policy file holding only the record: the check reads it before the agent is loaded.</summary>
    private string Policy(string record)
    {
        record = record.Replace("DAY", Path.GetFullPath("missing.zip").Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal);
        string path = Path.Combine(_folder, "policy.json");
        File.WriteAllText(path, "{\"format\": \"marketmaking.dqn-ensemble\", \"trained_with\": {\"agent\": \"dqn\", " + record + "}}");
        return path;
    }

    [SharedDataFact]
    public void TheJsonHoldsEveryBlockAndPair()
    {
        string day = Path.Combine(SharedData.Folder!, "lobster/LOBSTER_SampleFile_GOOG_2012-06-21_10.zip");
        var (code, output, error) = Mm.Run("judge", "--data", day, "--format", "lobster", "--strategy", "as,glft,fixed", "--block", "2h", "--json");

        Assert.True(code == 0, error);
        Assert.Empty(error); // progress goes to a bar or the progress log, never into the output
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement strategies = root.GetProperty("strategies");
        Assert.Equal(3, strategies.GetArrayLength());
        foreach (JsonElement strategy in strategies.EnumerateArray())
        {
            JsonElement blocks = strategy.GetProperty("blocks");
            Assert.Equal(["12:00–14:00", "14:00–16:00"], blocks.EnumerateArray().Select(b => b.GetProperty("block").GetString()));
            Assert.Equal(blocks.EnumerateArray().Sum(b => b.GetProperty("net_pnl").GetDouble()), strategy.GetProperty("net_pnl").GetDouble(), 9);
        }

        // glft and fixed against as; as and fixed against glft.
        Assert.Equal(4, root.GetProperty("comparisons").GetArrayLength());
        Assert.Equal(
            [("as", "glft"), ("as", "fixed"), ("glft", "as"), ("glft", "fixed")],
            root.GetProperty("comparisons").EnumerateArray().Select(c => (c.GetProperty("baseline").GetString(), c.GetProperty("candidate").GetString())));
        Assert.InRange(root.GetProperty("detector").GetProperty("test").GetProperty("auc").GetDouble(), 0, 1);
    }

    /// <summary>
    /// The README's RL rows of the real-day judge: a DQN trained on GOOG's morning tape as the README
    /// trains it (one member, 300,000 transitions, seed 1, 1 ms latency) loses to AS and GLFT on the
    /// afternoon, risk-adjusted. Which agent a seed trains depends on the processor's widest vector
    /// (the gradient clipping's sum of squares and the dueling head's mean are reduced in it), so the
    /// README gives each: with AVX-512, −3.39 [−6.22, −0.56] and −3.50 [−6.20, −0.80], clear of zero;
    /// with AVX2 only, −2.74 [−7.65, 2.17] and −2.85 [−7.63, 1.93]; with 128-bit vectors, −4.90
    /// [−10.58, 0.79] and −5.01 [−10.65, 0.62]: behind both, not clear of zero. The rows written
    /// before did not reproduce and nothing caught it.
    /// </summary>
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

        // The README's claim for this processor's widest vector: the mean's range, and whether the interval is clear of zero.
        (double Above, double AtMost, bool Clear) claim =
            System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? (double.NegativeInfinity, -3, true)
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? (-3, -2.5, false)
            : (-5.5, -4.5, false);
        foreach (string baseline in new[] { "as", "glft" })
        {
            JsonElement adjusted = comparisons
                .Single(c => c.GetProperty("baseline").GetString() == baseline && c.GetProperty("candidate").GetString() == "rl-dqn")
                .GetProperty("risk_adjusted_pnl");
            Assert.Equal(8, adjusted.GetProperty("pairs").GetInt32());
            double mean = adjusted.GetProperty("mean").GetDouble();
            Assert.True(mean > claim.Above && mean <= claim.AtMost, $"rl-dqn − {baseline} {adjusted}");
            Assert.True(adjusted.GetProperty("upper").GetDouble() < 0 == claim.Clear, $"rl-dqn − {baseline} {adjusted}");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
