using System.Text.Json;
using System.Text.Json.Nodes;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Cli.Tests;

public sealed class AgentCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-agent-").FullName;

    /// <summary>The mechanics (curve, resume, evaluation), not the learning: steps are few, DQN and PPO ensembles of two.</summary>
    [Theory]
    [InlineData("qlearning", 204_800, new string[0])] // whole vector steps of 64 (PPO: whole rollouts of 64 × 100), halved for the resume
    [InlineData("dqn", 32_000, new[] { "--members", "2" })]
    [InlineData("ppo", 38_400, new[] { "--members", "2" })]
    public void TrainWritesPolicyCurveAndResumesThenEvaluateComparesWithTheOptimum(string agent, int steps, string[] extra)
    {
        string policy = Path.Combine(_folder, $"{agent}.json"), curve = Path.Combine(_folder, $"{agent}.csv");
        var (code, output, error) = Mm.Run(["train", "--agent", agent, "--env", "cj", "--steps", $"{steps}", "--envs", "64", "--seed", "3", "--out", policy, "--curve", curve, .. extra]);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("transitions in", output, StringComparison.Ordinal);
        int members = extra.Length > 0 ? 2 : 1;
        Assert.Contains($"{members * steps:N0} transitions", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(curve);
        Assert.Equal("steps,seconds,steps_per_second,mean_episode_reward", lines[0]);
        Assert.True(lines.Length >= 2);
        Assert.Equal(4, lines[^1].Split(',').Length);

        // Resuming adds the new steps to the same agent, and says from which step and that it keeps the recorded seed.
        (code, output, error) = Mm.Run("train", "--resume", policy, "--steps", $"{steps / 2}", "--envs", "64", "--out", policy);
        Assert.Equal(0, code);
        string perMember = members > 1 ? $" per member ({members} members)" : string.Empty;
        Assert.Equal(
            [$"resuming {agent} from {policy} at step {steps:N0}{perMember}: {steps / 2:N0} more, to {1.5 * steps:N0}", $"training on the settings recorded in {policy}: --seed 3"],
            error.Trim().Split('\n'));
        Assert.Contains($"{members * steps / 2:N0} transitions", output, StringComparison.Ordinal);
        if (agent != "qlearning")
        {
            JsonElement file = JsonDocument.Parse(File.ReadAllText(policy)).RootElement;
            Assert.Equal($"marketmaking.{agent}-ensemble", file.GetProperty("format").GetString());
            Assert.All(
                file.GetProperty("members").EnumerateArray(),
                m => Assert.Equal(1.5 * steps, agent == "ppo" ? m.GetProperty("training").GetProperty("environment_steps").GetDouble() : m.GetProperty("steps").GetDouble()));

            // A resume cannot change the members; the policy is left as it was.
            string before = File.ReadAllText(policy);
            (code, _, error) = Mm.Run("train", "--resume", policy, "--members", "3", "--steps", "64", "--out", policy);
            Assert.Equal(2, code);
            Assert.Contains("members: the policy being resumed has 2, not 3", error, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllText(policy));
        }

        (code, output, error) = Mm.Run("evaluate", "--policy", policy, "--env", "cj", "--runs", "500", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal((500, 1_000_001UL), (root.GetProperty("runs").GetInt32(), root.GetProperty("seed").GetUInt64()));   // the default seed, as the table's title says
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
    public void AnAgentTrainedOnTheBookIsEvaluatedBesideCalibratedAsAndGlftOnPairedHeldOutSeeds()
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
        Assert.Equal((3, 1_000_001UL), (root.GetProperty("runs").GetInt32(), root.GetProperty("seed").GetUInt64()));
        Assert.Equal(["ppo", "as", "glft"], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(root.GetProperty("results").EnumerateArray(), r => Assert.Equal(3, r.GetProperty("sims").GetInt32()));
        JsonElement[] differences = [.. root.GetProperty("paired_differences").EnumerateArray()];
        Assert.Equal(["as", "glft"], differences.Select(d => d.GetProperty("baseline").GetString()));

        // Paired on the same seeds: the mean of the differences is the difference of the means. Risk-adjusted =
        // PnL − φ∫q²dt per seed, so its paired mean differs from the PnL's by the penalties' difference.
        // (6,000 transitions teach the agent nothing: which strategy earns more is not asserted here.)
        JsonElement[] results = [.. root.GetProperty("results").EnumerateArray()];
        foreach ((JsonElement d, int baseline) in differences.Select((d, i) => (d, i + 1)))
        {
            Assert.Equal(results[0].GetProperty("profit_mean").GetDouble() - results[baseline].GetProperty("profit_mean").GetDouble(), d.GetProperty("pnl").GetProperty("mean").GetDouble(), 9);
            double penalties = (results[0].GetProperty("profit_mean").GetDouble() - results[0].GetProperty("penalized_pnl").GetDouble())
                - (results[baseline].GetProperty("profit_mean").GetDouble() - results[baseline].GetProperty("penalized_pnl").GetDouble());
            Assert.Equal(d.GetProperty("pnl").GetProperty("mean").GetDouble() - penalties, d.GetProperty("risk_adjusted_pnl").GetProperty("mean").GetDouble(), 9);
        }

        // The file records the book's preset: a resume on another market is refused and leaves the file as it was.
        string trained = File.ReadAllText(policy);
        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "lob", "--preset", "liquid", "--steps", "800", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid preset: {policy} was trained with --preset toxic, not --preset liquid: a resume trains on the dynamics the policy learned (leave --preset out to keep them)", error.Trim());
        Assert.Equal(trained, File.ReadAllText(policy));

        // A policy for the book is refused on the model-market benchmark by its record, before its 49 actions meet cj's 144.
        (code, _, error) = Mm.Run("evaluate", "--policy", policy, "--env", "cj", "--runs", "100");
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid env: {policy} was trained with --env lob, not --env cj: evaluate it with --env lob --preset toxic", error.Trim());
    }

    [Theory]
    [InlineData(new[] { "train", "--agent", "sarsa" }, "unknown agent 'sarsa'")]
    [InlineData(new[] { "train", "--agent", "ppo", "--env", "moon" }, "unknown environment 'moon'")]
    [InlineData(new[] { "train" }, "name an agent")]
    [InlineData(new[] { "train", "--agent", "ppo", "--training-phi", "-1" }, "phi")]
    [InlineData(new[] { "train", "--agent", "qlearning", "--members", "3" }, "ensembles are built of PPO, continuous PPO or DQN agents")]
    [InlineData(new[] { "train", "--agent", "ppo", "--members", "0" }, "members")]
    [InlineData(new[] { "train", "--agent", "dqn", "--env", "tape" }, "--env tape needs --data")]
    [InlineData(new[] { "train", "--agent", "dqn", "--env", "tape", "--data", "missing.zip", "--format", "lobster" }, "file not found: missing.zip")]
    [InlineData(new[] { "train", "--agent", "dqn", "--env", "tape", "--data", "missing.zip", "--format", "lobster", "--until", "noon" }, "until")]
    public void MistakesAreOneLine(string[] args, string expected)
    {
        var (code, _, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A policy resumed on another environment than it trained on failed inside training with a stack
    /// trace (exit 134); then with one line naming what does not fit (its actions or observations), which did
    /// not say which --env to give. The file's record names it; a file from before the record gets the line
    /// on the shape. Either way the file is left as it was.
    /// </summary>
    [Theory]
    [InlineData("qlearning", "actions: the policy chooses among 144 actions but the environment has 49")]
    [InlineData("sac", "observation_size: the policy observes 2 values but the environment gives 7")]
    public void APolicyResumedOnAnotherEnvironmentIsOneLine(string agent, string expected)
    {
        string policy = Path.Combine(_folder, $"{agent}-cj.json");
        var (code, _, error) = Mm.Run("train", "--agent", agent, "--env", "cj", "--steps", "640", "--envs", "64", "--out", policy);
        Assert.Equal(0, code);
        Assert.Empty(error);
        string before = File.ReadAllText(policy);

        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "lob", "--steps", "300", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid env: {policy} was trained with --env cj, not --env lob: resume it with --env cj", error.Trim());
        Assert.Equal(before, File.ReadAllText(policy));

        WithoutRecord(policy);
        string old = File.ReadAllText(policy);
        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "lob", "--steps", "300", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: {policy}: {expected}", error.Trim());
        Assert.Equal(old, File.ReadAllText(policy));
    }

    /// <summary>A book policy resumed without --env failed on its shape ("49 actions but the environment has 144"), as if the file were wrong: the line names the --env to give.</summary>
    [Fact]
    public void AResumeLeftOnTheDefaultEnvironmentNamesTheOneToGive()
    {
        string policy = Path.Combine(_folder, "q-lob.json");
        Assert.Equal(0, Mm.Run("train", "--agent", "qlearning", "--env", "lob", "--steps", "8", "--envs", "8", "--out", policy).Code);
        string before = File.ReadAllText(policy);

        var (code, output, error) = Mm.Run("train", "--resume", policy, "--steps", "8", "--out", policy);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: invalid env: {policy} was trained with --env lob, not --env cj (the default): resume it with --env lob", error.Trim());
        Assert.Equal(before, File.ReadAllText(policy));
    }

    /// <summary>
    /// Options an agent does not read trained exactly as without them (Q-learning's mean episode reward was
    /// the same to the last digit with --learning-rate -1, NaN or none), options given with --resume were
    /// dropped (the file keeps its agent's settings), and options of another environment were ignored.
    /// </summary>
    [Theory]
    [InlineData(new[] { "--agent", "qlearning", "--learning-rate", "0.1" }, "error: invalid learning-rate: --agent qlearning does not read --learning-rate, so it would train the same without it; it reads --discount")]
    [InlineData(new[] { "--agent", "qlearning", "--time-products" }, "error: invalid time-products: --agent qlearning does not read --time-products, so it would train the same without it; it reads --discount")]
    [InlineData(new[] { "--agent", "dqn", "--gae-lambda", "0.6" }, "error: invalid gae-lambda: --agent dqn does not read --gae-lambda, so it would train the same without it; it reads --learning-rate, --batch-size, --discount, --update-frequency")]
    [InlineData(new[] { "--agent", "sac", "--entropy-coefficient", "0" }, "error: invalid entropy-coefficient: --agent sac does not read --entropy-coefficient, so it would train the same without it; it reads --learning-rate, --batch-size, --discount, --update-frequency")]
    [InlineData(new[] { "--agent", "ppo", "--checkpoint-every", "-1" }, "error: invalid checkpoint-every: must be zero (only at the end) or positive, got -1")]
    [InlineData(new[] { "--agent", "ppo", "--preset", "liquid" }, "error: invalid preset: --preset chooses the book's market (--env lob), not --env cj's")]
    [InlineData(new[] { "--agent", "dqn", "--env", "lob", "--latency", "5ms" }, "error: invalid latency: --latency is for the recorded tape (--env tape), not --env lob")]
    public void OptionsTheRunDoesNotReadAreRefusedByName(string[] args, string expected)
    {
        string policy = Path.Combine(_folder, "unread.json");
        var (code, output, error) = Mm.Run(["train", .. args, "--steps", "640", "--out", policy]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.Trim());
        Assert.False(File.Exists(policy));
    }

    [Fact]
    public void AResumedAgentKeepsItsSettingsAndRefusesNewOnes()
    {
        string policy = Path.Combine(_folder, "ppo-resume.json");
        var (code, _, _) = Mm.Run("train", "--agent", "ppo", "--members", "1", "--steps", "6400", "--envs", "64", "--out", policy);
        Assert.Equal(0, code);
        string before = File.ReadAllText(policy);

        string error;
        (code, _, error) = Mm.Run("train", "--resume", policy, "--learning-rate", "0.1", "--steps", "6400", "--envs", "64", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid learning-rate: a resumed agent keeps the settings it was trained with ({policy}); --learning-rate does not go with --resume", error.Trim());
        Assert.Equal(before, File.ReadAllText(policy));
    }

    /// <summary>
    /// mm evaluate took every strategy option and read only γ on the model market: --phi 5 printed the
    /// table it printed without it, as if the policy had been scored under another objective.
    /// </summary>
    [Theory]
    [InlineData(new[] { "--phi", "5" }, "error: invalid phi: mm evaluate --env cj does not read --phi; of these options it reads --gamma")]
    [InlineData(new[] { "--Q", "3" }, "error: invalid max-inventory: mm evaluate --env cj does not read --max-inventory; of these options it reads --gamma")]
    [InlineData(new[] { "--preset", "liquid" }, "error: invalid preset: --preset chooses the book's market (--env lob); --env cj is the model market")]
    [InlineData(new[] { "--env", "lob", "--spread-bps", "5" }, "error: invalid spread-bps: mm evaluate --env lob does not read --spread-bps; of these options it reads --gamma, --order-size")]
    [InlineData(new[] { "--env", "lob", "--max-inventory", "3" }, "error: invalid max-inventory: mm evaluate --env lob does not read --max-inventory; of these options it reads --gamma, --order-size")]
    public void EvaluateRefusesOptionsItDoesNotRead(string[] args, string expected)
    {
        string policy = Path.Combine(_folder, "q-evaluate.json");
        var (code, _, error) = Mm.Run("train", "--agent", "qlearning", "--steps", "640", "--out", policy);
        Assert.Equal(0, code);

        string output;
        (code, output, error) = Mm.Run(["evaluate", "--policy", policy, "--runs", "100", .. args]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.Trim());

        // γ is read: AS's and GLFT's objectives move with it, the optimum's does not.
        JsonElement[] Rows(string gamma) => [.. JsonDocument.Parse(Mm.Run("evaluate", "--policy", policy, "--runs", "100", "--gamma", gamma, "--json").Output).RootElement.GetProperty("results").EnumerateArray()];
        JsonElement[] low = Rows("0.01"), high = Rows("1");
        Assert.Equal(low[1].GetProperty("objective").GetDouble(), high[1].GetProperty("objective").GetDouble());
        Assert.NotEqual(low[3].GetProperty("objective").GetDouble(), high[3].GetProperty("objective").GetDouble());
    }

    /// <summary>
    /// A single or ensemble policy file did not record the environment it trained on: a resume with another
    /// --training-phi, --exploring-starts, --envs or --seed trained on other dynamics and said nothing.
    /// </summary>
    [Theory]
    [InlineData("--training-phi", "5", "--training-phi 0.25", "training-phi")]
    [InlineData("--exploring-starts", "0", "--exploring-starts 2", "exploring-starts")]
    [InlineData("--envs", "32", "--envs 64", "envs")]
    [InlineData("--seed", "4", "--seed 3", "seed")]
    public void AResumeKeepsTheEnvironmentItsFileRecords(string option, string other, string recorded, string name)
    {
        string policy = Path.Combine(_folder, $"q-{name}.json");
        var (code, _, error) = Mm.Run("train", "--agent", "qlearning", "--steps", "640", "--envs", "64", "--seed", "3", "--training-phi", "0.25", "--exploring-starts", "2", "--out", policy);
        Assert.Equal(0, code);
        Assert.Empty(error);
        string before = File.ReadAllText(policy);

        (code, _, error) = Mm.Run("train", "--resume", policy, option, other, "--steps", "640", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid {name}: {policy} was trained with {recorded}, not {option} {other}: a resume trains on the dynamics the policy learned (leave {option} out to keep them)", error.Trim());
        Assert.Equal(before, File.ReadAllText(policy));

        // Left out, each takes the recorded value, and the line says which differ from the option's default.
        (code, _, error) = Mm.Run("train", "--resume", policy, "--steps", "640", "--out", policy);
        Assert.Equal(0, code);
        Assert.Equal(
            [$"resuming qlearning from {policy} at step 640: 640 more, to 1,280", $"training on the settings recorded in {policy}: --training-phi 0.25, --exploring-starts 2, --seed 3"],
            error.Trim().Split('\n'));
        JsonElement record = JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with");
        Assert.Equal(("0.25", "2", "64", "3"), (record.GetProperty("training_phi").GetString(), record.GetProperty("exploring_starts").GetString(), record.GetProperty("envs").GetString(), record.GetProperty("seed").GetString()));
    }

    /// <summary>A file written before the record existed resumes as before: any value is taken, nothing is said.</summary>
    [Fact]
    public void APolicyFileWithoutARecordResumesAsBefore()
    {
        string policy = Path.Combine(_folder, "q-old.json");
        Assert.Equal(0, Mm.Run("train", "--agent", "qlearning", "--steps", "640", "--envs", "64", "--out", policy).Code);
        WithoutRecord(policy);

        var (code, _, error) = Mm.Run("train", "--resume", policy, "--seed", "9", "--envs", "32", "--steps", "640", "--out", policy);
        Assert.Equal(0, code);
        Assert.Equal($"resuming qlearning from {policy} at step 640: 640 more, to 1,280", error.Trim());
        JsonElement record = JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with");
        Assert.Equal(("32", "9"), (record.GetProperty("envs").GetString(), record.GetProperty("seed").GetString()));
    }

    /// <summary>
    /// A file trained on cj's own φ (0.5, no --training-phi: recorded "default") refused --training-phi 0.5, the same
    /// dynamics, since settings compared as text. Numbers compare as numbers, and "default" as the environment's own.
    /// </summary>
    [Fact]
    public void NoRecordedPhiIsTheEnvironmentsOwn()
    {
        string policy = Path.Combine(_folder, "q-own-phi.json");
        Assert.Equal(0, Mm.Run("train", "--agent", "qlearning", "--steps", "640", "--envs", "64", "--out", policy).Code);
        string before = File.ReadAllText(policy);

        var (code, _, error) = Mm.Run("train", "--resume", policy, "--training-phi", "0.25", "--steps", "640", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid training-phi: {policy} was trained with no --training-phi (the environment's own, 0.5), not --training-phi 0.25: a resume trains on the dynamics the policy learned (leave --training-phi out to keep them)", error.Trim());
        Assert.Equal(before, File.ReadAllText(policy));

        (code, _, error) = Mm.Run("train", "--resume", policy, "--training-phi", "0.50", "--steps", "640", "--out", policy);
        Assert.Equal(0, code);
        Assert.Equal($"resuming qlearning from {policy} at step 640: 640 more, to 1,280", error.Trim());
        JsonElement record = JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with");
        Assert.Equal("default", record.GetProperty("training_phi").GetString());
    }

    /// <summary>
    /// A tape policy recorded none of its tape: a resume given another day (--data) or --latency trained on it and said
    /// nothing. The record holds the day's absolute path (as a run folder records paths), format, hours and latency in
    /// their one spelling; another value is refused by name with both, one left out is taken and said, another
    /// spelling of the same (1000us for 1ms) is the same, and one left on --env's default names the env to give.
    /// </summary>
    [SharedDataFact]
    public void ATapePolicyRecordsItsTapeAndAResumeKeepsIt()
    {
        string amzn = Path.Combine(SharedData.Folder!, "lobster", "LOBSTER_SampleFile_AMZN_2012-06-21_5.zip");
        string goog = Path.Combine(SharedData.Folder!, "lobster", "LOBSTER_SampleFile_GOOG_2012-06-21_10.zip");
        string policy = Path.Combine(_folder, "q-tape.json");
        var (code, _, error) = Mm.Run("train", "--agent", "qlearning", "--env", "tape", "--data", Path.GetRelativePath(Environment.CurrentDirectory, amzn), "--format", "LOBSTER",
            "--latency", "1ms", "--until", "11:00:00", "--steps", "64", "--envs", "8", "--out", policy);
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement record = JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with");
        Assert.Equal(
            [("agent", "qlearning"), ("env", "tape"), ("data", amzn), ("format", "lobster"), ("open", "09:30"), ("until", "11:00"), ("latency", "1ms"), ("training_phi", "default"), ("exploring_starts", "0"), ("envs", "8"), ("seed", "1")],
            record.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        string before = File.ReadAllText(policy);

        foreach ((string[] args, string expected) in new (string[], string)[]
        {
            (["--env", "tape", "--data", goog], $"invalid data: {policy} was trained with --data {amzn}, not --data {goog}: a resume trains on the dynamics the policy learned (leave --data out to keep them)"),
            (["--env", "tape", "--latency", "5ms"], $"invalid latency: {policy} was trained with --latency 1ms, not --latency 5ms: a resume trains on the dynamics the policy learned (leave --latency out to keep them)"),
            (["--env", "tape", "--until", "12:00"], $"invalid until: {policy} was trained with --until 11:00, not --until 12:00: a resume trains on the dynamics the policy learned (leave --until out to keep them)"),
            (["--env", "tape", "--format", "dbn-mbo"], $"invalid format: {policy} was trained with --format lobster, not --format dbn-mbo: a resume trains on the dynamics the policy learned (leave --format out to keep them)"),
            ([], $"invalid env: {policy} was trained with --env tape, not --env cj (the default): resume it with --env tape"),
        })
        {
            (code, _, error) = Mm.Run(["train", "--resume", policy, .. args, "--steps", "64", "--out", policy]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {expected}", error.Trim());
            Assert.Equal(before, File.ReadAllText(policy));
        }

        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "tape", "--latency", "1000us", "--steps", "64", "--out", policy);
        Assert.Equal(0, code);
        Assert.Equal(
            [$"resuming qlearning from {policy} at step 64: 64 more, to 128", $"training on the settings recorded in {policy}: --data {amzn}, --format lobster, --until 11:00, --envs 8"],
            error.Trim().Split('\n'));
        Assert.Equal(record.ToString(), JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with").ToString());
    }

    /// <summary>
    /// Since the tape's settings got keys of their own, a member's "data" is the day's absolute path; an earlier build
    /// wrote the options as given in one text ("DAY OPEN–UNTIL, latency L", DAY relative), so a member it trained no
    /// longer merged with a new member of the same run ("data … here, … there"). The older text is read for what it
    /// means (the path from the current folder, 11:00:00 as 11:00, 1000us as 1ms; the format the older form did not
    /// record is the same day's); a member of another day is still refused naming both.
    /// </summary>
    [SharedDataFact]
    public void TrainMergeJoinsATapeMemberOfAnEarlierBuildWithANewOneOfTheSameDay()
    {
        string amzn = Path.Combine(SharedData.Folder!, "lobster", "LOBSTER_SampleFile_AMZN_2012-06-21_5.zip");
        string goog = Path.Combine(SharedData.Folder!, "lobster", "LOBSTER_SampleFile_GOOG_2012-06-21_10.zip");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, amzn);
        string[] members = [Path.Combine(_folder, "m0.json"), Path.Combine(_folder, "m1.json")];
        for (int i = 0; i < 2; i++)
        {
            var (trained, _, trainError) = Mm.Run("train", "--agent", "dqn", "--members", "2", "--member", $"{i}", "--env", "tape", "--data", relative, "--format", "lobster",
                "--latency", "1ms", "--until", "11:00", "--steps", "64", "--envs", "8", "--checkpoint-every", "0", "--out", members[i]);
            Assert.True(trained == 0, trainError);
        }

        // Member 0 as the earlier build wrote it: $"{--data} {--open}–{--until}, latency {--latency}", as given.
        string newer = File.ReadAllText(members[0]);
        OlderTapeMember(members[0], $"{relative} 09:30–11:00:00, latency 1000us");
        string merged = Path.Combine(_folder, "merged.json");
        var (code, output, error) = Mm.Run("train", "merge", members[0], members[1], "--out", merged);
        Assert.True(code == 0, error);
        Assert.Equal($"dqn ensemble of 2 members: {merged}", output.Trim());
        JsonElement record = JsonDocument.Parse(File.ReadAllText(merged)).RootElement.GetProperty("trained_with");
        Assert.Equal(
            [("agent", "dqn"), ("env", "tape"), ("data", amzn), ("format", "lobster"), ("open", "09:30"), ("until", "11:00"), ("latency", "1ms"), ("training_phi", "default"), ("exploring_starts", "0"), ("envs", "8"), ("seed", "1")],
            record.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));

        // Another day in the older form is another run.
        File.Delete(merged);
        File.WriteAllText(members[0], newer);
        OlderTapeMember(members[0], $"{Path.GetRelativePath(Environment.CurrentDirectory, goog)} 09:30–11:00, latency 1ms");
        (code, _, error) = Mm.Run("train", "merge", members[1], members[0], "--out", merged);
        Assert.Equal(2, code);
        Assert.Equal($"error: {members[0]}: ensemble_member: a member of another run: data {goog} here, {amzn} there (in {members[1]})", error.Trim());
        Assert.False(File.Exists(merged));
    }

    /// <summary>
    /// A --preset file was recorded as given: trained with a relative path, a resume naming the same file by its
    /// absolute path (or from another folder) was refused as another preset. It is recorded absolute and compared so;
    /// a record of an earlier build (relative) is read from the current folder; another preset is still refused.
    /// </summary>
    [Fact]
    public void TrainRecordsAPresetFileByItsAbsolutePathAndResumesAnOlderRelativeRecord()
    {
        string market = Path.Combine(_folder, "my.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "configs", "markets", "toxic.yaml"), market);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, market), policy = Path.Combine(_folder, "q-lob.json");
        var (code, _, error) = Mm.Run("train", "--agent", "qlearning", "--env", "lob", "--preset", relative, "--steps", "64", "--envs", "8", "--out", policy);
        Assert.True(code == 0, error);
        Assert.Equal(market, JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with").GetProperty("preset").GetString());

        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "lob", "--preset", market, "--steps", "64", "--out", policy);
        Assert.True(code == 0, error);

        // The earlier build's record: the path as given.
        var older = JsonNode.Parse(File.ReadAllText(policy))!;
        older["trained_with"]!["preset"] = relative;
        File.WriteAllText(policy, older.ToJsonString());
        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "lob", "--preset", market, "--steps", "64", "--out", policy);
        Assert.True(code == 0, error);
        Assert.Equal(market, JsonDocument.Parse(File.ReadAllText(policy)).RootElement.GetProperty("trained_with").GetProperty("preset").GetString());

        File.WriteAllText(policy, older.ToJsonString());
        (code, _, error) = Mm.Run("train", "--resume", policy, "--env", "lob", "--preset", "liquid", "--steps", "64", "--out", policy);
        Assert.Equal(2, code);
        Assert.Equal($"error: invalid preset: {policy} was trained with --preset {market}, not --preset liquid: a resume trains on the dynamics the policy learned (leave --preset out to keep them)", error.Trim());
    }

    /// <summary>A tape member's run settings as an earlier build wrote them: the tape in one "data" text, no keys of its own.</summary>
    private static void OlderTapeMember(string path, string data)
    {
        var file = JsonNode.Parse(File.ReadAllText(path))!;
        var run = file["ensemble_member"]!["run"]!.AsObject();
        foreach (string key in new[] { "format", "open", "until", "latency" })
        {
            Assert.True(run.Remove(key), key);
        }

        run["data"] = data;
        File.WriteAllText(path, file.ToJsonString());
    }

    /// <summary>The policy file as one written before its record existed.</summary>
    private static void WithoutRecord(string policy)
    {
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(policy));
        File.WriteAllText(policy, JsonSerializer.Serialize(written.RootElement.EnumerateObject().Where(p => p.Name != "trained_with").ToDictionary(p => p.Name, p => p.Value)));
    }

    /// <summary>
    /// PPO trains whole rollouts (100 steps × --envs): --steps 3,000,000 trained 3,020,800 per member, and neither the
    /// summary nor the resume line said so (the resume line gave the steps asked: "500 more, to 1,700").
    /// </summary>
    [Fact]
    public void PpoSaysItsStepsWereRoundedUpToWholeRollouts()
    {
        string policy = Path.Combine(_folder, "ppo-rounded.json");
        var (code, output, _) = Mm.Run("train", "--agent", "ppo", "--members", "2", "--steps", "1000", "--envs", "4", "--out", policy);
        Assert.Equal(0, code);
        Assert.StartsWith("ppo: 2,400 transitions (--steps 1,000 rounded up to 1,200 per member: whole rollouts of 400 transitions) in ", output.Trim(), StringComparison.Ordinal);

        string error;
        (code, output, error) = Mm.Run("train", "--resume", policy, "--steps", "500", "--out", policy, "--json");
        Assert.Equal(0, code);
        Assert.Equal($"resuming ppo from {policy} at step 1,200 per member (2 members): 800 more, to 2,000", error.Trim().Split('\n')[0]);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal((1600L, 800L, 500L), (root.GetProperty("steps").GetInt64(), root.GetProperty("steps_per_member").GetInt64(), root.GetProperty("steps_asked").GetInt64()));
    }

    /// <summary>64 transitions of 64 trajectories is one step of episodes of 100: none finished, and the line said "mean episode reward NaN".</summary>
    [Fact]
    public void ARunShorterThanAnEpisodeSaysNoneFinished()
    {
        string policy = Path.Combine(_folder, "q-short.json");
        var (code, output, _) = Mm.Run("train", "--agent", "qlearning", "--steps", "64", "--envs", "64", "--out", policy);
        Assert.Equal(0, code);
        Assert.Matches(@"^qlearning: 64 transitions in [0-9.]+ s \([^)]+ steps/s\), no episode finished yet \(mean episode reward unknown\); policy: ", output.Trim());
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);

        // 12,800 transitions finish two episodes of each trajectory: a number again.
        (code, output, _) = Mm.Run("train", "--agent", "qlearning", "--steps", "12800", "--envs", "64", "--out", policy);
        Assert.Equal(0, code);
        Assert.Matches(@"mean episode reward -?[0-9]+\.[0-9]{4}; policy: ", output);
    }

    /// <summary>
    /// mm evaluate read no record: a policy of the book was evaluated on cj until its sizes failed (naming no
    /// environment), one of a recorded tape on the book (whose sizes it has) as if it had learned it, one of a book
    /// of another tick size quoted other prices than it learned. Refused before the file is loaded (exit 2, both
    /// values named); the record alone is in the file.
    /// </summary>
    [Theory]
    [InlineData("\"env\": \"lob\", \"preset\": \"toxic\"", "", "error: invalid env: POLICY was trained with --env lob, not --env cj (the default): evaluate it with --env lob --preset toxic")]
    [InlineData("\"env\": \"tape\", \"latency\": \"1ms\"", "--env lob", "error: invalid env: POLICY was trained with --env tape, not --env lob: a policy of a recorded day is judged on that day (mm judge --agent)")]
    [InlineData("\"env\": \"cj\"", "--env lob --preset thin", "error: invalid env: POLICY was trained with --env cj, not --env lob: evaluate it with --env cj")]
    [InlineData("\"env\": \"lob\", \"preset\": \"WIDE\"", "--env lob", "error: invalid preset: POLICY was trained with --preset WIDE (tick 0.05), not --preset toxic (the default, tick 0.01): its depths are ticks of the market it learned (evaluate it with --preset WIDE)")]
    [InlineData("\"env\": \"lob\", \"preset\": \"toxic\"", "--env lob --preset WIDE", "error: invalid preset: POLICY was trained with --preset toxic (tick 0.01), not --preset WIDE (tick 0.05): its depths are ticks of the market it learned (evaluate it with --preset toxic)")]
    public void EvaluateRefusesAPolicyOfAnotherEnvironmentOrTick(string record, string args, string expected)
    {
        string wide = WideTickMarket();
        string policy = RecordOnly(record.Replace("WIDE", wide, StringComparison.Ordinal));
        var (code, output, error) = Mm.Run(["evaluate", "--policy", policy, "--runs", "2", .. args.Replace("WIDE", wide, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected.Replace("POLICY", policy, StringComparison.Ordinal).Replace("WIDE", wide, StringComparison.Ordinal), error.Trim());
    }

    /// <summary>
    /// Another book of the same tick is another market, not other dynamics: evaluated, with a note, as a shaped
    /// training φ is (evaluation scores on the environment's own). The record alone fails to load after the check.
    /// </summary>
    [Theory]
    [InlineData("\"env\": \"lob\", \"preset\": \"liquid\"", "--env lob", "note: POLICY was trained with --preset liquid, not --preset toxic (the default): evaluated on another market than the one it learned")]
    [InlineData("\"env\": \"cj\", \"training_phi\": \"0.6\"", "", "note: POLICY was trained with --training-phi 0.6, not cj's own φ 0.5: a shaped reward, scored as every strategy is (on φ 0.5)")]
    [InlineData("\"env\": \"lob\", \"preset\": \"toxic\", \"training_phi\": \"0.2\"", "--env lob", "note: POLICY was trained with --training-phi 0.2, not the book's own φ 0.01: a shaped reward, scored as every strategy is (on φ 0.01)")]
    [InlineData("\"env\": \"cj\", \"training_phi\": \"0.50\"", "", null)]
    [InlineData("\"env\": \"lob\", \"preset\": \"toxic\", \"training_phi\": \"default\"", "--env lob --preset toxic", null)]
    public void EvaluateNotesAnotherMarketOfTheSameTickAndAShapedPhi(string record, string args, string? note)
    {
        string policy = RecordOnly(record);
        var (code, _, error) = Mm.Run(["evaluate", "--policy", policy, "--runs", "2", .. args.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, code);
        string[] lines = error.Trim().Split('\n');
        Assert.Equal(note is null ? 1 : 2, lines.Length);
        Assert.StartsWith($"error: {policy}", lines[^1], StringComparison.Ordinal);
        if (note is not null)
        {
            Assert.Equal(note.Replace("POLICY", policy, StringComparison.Ordinal), lines[0]);
        }
    }

    /// <summary>A policy file holding only the record: the check reads it before the agent is loaded.</summary>
    private string RecordOnly(string record)
    {
        string path = Path.Combine(_folder, "record-only.json");
        File.WriteAllText(path, "{\"format\": \"marketmaking.dqn-ensemble\", \"trained_with\": {\"agent\": \"dqn\", " + record + "}}");
        return path;
    }

    /// <summary>The toxic market with a tick of 0.05 (five times the presets').</summary>
    private string WideTickMarket()
    {
        string path = Path.Combine(_folder, "wide.yaml");
        string toxic = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "configs", "markets", "toxic.yaml"));
        File.WriteAllText(path, toxic.Replace("tick_size: 0.01", "tick_size: 0.05", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public void AFileThatIsNotAPolicyIsRefusedByName()
    {
        string path = Path.Combine(_folder, "not-a-policy.json");
        File.WriteAllText(path, "{\"format\": \"spread_predictor\"}");
        var (code, _, error) = Mm.Run("evaluate", "--policy", path);
        Assert.Equal(2, code);
        Assert.Contains("not-a-policy.json", error, StringComparison.Ordinal);
        Assert.Contains("format", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
