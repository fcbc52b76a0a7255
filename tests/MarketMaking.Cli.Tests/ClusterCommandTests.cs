namespace MarketMaking.Cli.Tests;

/// <summary>
/// mm tune --shard auto and mm train --member as a scheduler's job array runs them: the scheduler's
/// variables set in this process, one task after another (the tests of this class run one at a time).
/// </summary>
public sealed class ClusterCommandTests : IDisposable
{
    private static readonly string[] SchedulerVariables = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX"];
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-cluster-").FullName;

    private string[] Sweep(string results, params string[] extra) =>
        ["tune", "--market", "model", "--strategy", "glft", "--grid", "gamma=0.05,0.1,0.5", "--grid", "max_inventory=2,5", "--sims", "200", "--results", Path.Combine(_folder, results), .. extra];

    private static (int Code, string Output, string Error) AsSlurmTask(int id, int count, string[] args)
    {
        Environment.SetEnvironmentVariable("SLURM_ARRAY_TASK_ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("SLURM_ARRAY_TASK_COUNT", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("SLURM_ARRAY_TASK_MIN", "0");
        try
        {
            return Mm.Run(args);
        }
        finally
        {
            Clear();
        }
    }

    private static void Clear()
    {
        foreach (string name in SchedulerVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void AnArraySweepMergesIntoTheWholeSweepAndAnUnfinishedOrMissingShardIsRefused()
    {
        Assert.Equal(0, Mm.Run(Sweep("whole.csv")).Code);
        string[] shards = [.. Enumerable.Range(0, 4).Select(i => Path.Combine(_folder, $"r.shard-{i}-of-4.csv"))];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(0, AsSlurmTask(i, 4, Sweep("r.csv", "--shard", "auto")).Code);
        }

        // Points 0…5 over 4 shards: 0 and 4, 1 and 5, 2, 3.
        Assert.Equal([3, 3, 2, 2], shards.Select(s => File.ReadAllLines(s).Length));
        string merged = Path.Combine(_folder, "merged.csv");

        // A shard whose task died before its last point: refused, named, nothing written.
        string[] lines = File.ReadAllLines(shards[1]);
        File.WriteAllLines(shards[1], lines[..^1]);
        var (code, _, error) = Mm.Run(["tune", "merge", .. shards, "--out", merged]);
        Assert.Equal(2, code);
        Assert.Contains($"{shards[1]}: shard: shard 1 of 4 holds 1 of its 2 points", error, StringComparison.Ordinal);
        Assert.False(File.Exists(merged));

        // A missing shard.
        (code, _, error) = Mm.Run("tune", "merge", shards[0], shards[2], shards[3], "--out", merged);
        Assert.Equal(2, code);
        Assert.Contains("invalid files: shard 1 of 4 missing", error, StringComparison.Ordinal);

        // That task re-run alone completes the sweep, which is the one-process sweep exactly.
        Assert.Equal(0, AsSlurmTask(1, 4, Sweep("r.csv", "--shard", "auto")).Code);
        Assert.Equal(0, Mm.Run(["tune", "merge", .. shards, "--out", merged]).Code);
        Assert.Equal(File.ReadAllLines(Path.Combine(_folder, "whole.csv")).Order(), File.ReadAllLines(merged).Order());

        // A shard of the same grid run with other settings is another sweep.
        Assert.Equal(0, AsSlurmTask(3, 4, Sweep("s.csv", "--shard", "auto", "--seed", "2")).Code);
        (code, _, error) = Mm.Run("tune", "merge", shards[0], shards[1], shards[2], Path.Combine(_folder, "s.shard-3-of-4.csv"), "--out", merged);
        Assert.Equal(2, code);
        Assert.Contains("run with other settings than", error, StringComparison.Ordinal);
        Assert.Contains("--seed 2 here, (not given) there", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoOutsideAJobArraySaysWhatItLooksFor()
    {
        Clear();
        var (code, _, error) = Mm.Run(Sweep("r.csv", "--shard", "auto"));
        Assert.Equal(2, code);
        Assert.Contains("invalid shard: auto needs a job array: neither SLURM_ARRAY_TASK_ID", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsembleMembersOfAnIndexedJobMergeIntoTheOneProcessEnsemble()
    {
        string[] training = ["train", "--agent", "ppo", "--members", "2", "--steps", "512", "--envs", "8", "--batch-size", "32", "--update-frequency", "16", "--seed", "3", "--checkpoint-every", "0"];
        string whole = Path.Combine(_folder, "whole.json"), merged = Path.Combine(_folder, "policy.json");
        Assert.Equal(0, Mm.Run([.. training, "--out", whole]).Code);
        string[] members = [Path.Combine(_folder, "m0.json"), Path.Combine(_folder, "m1.json")];
        for (int i = 0; i < 2; i++)
        {
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                Assert.Equal(0, Mm.Run([.. training, "--member", "auto", "--out", members[i]]).Code);
            }
            finally
            {
                Clear();
            }
        }

        var (code, output, _) = Mm.Run(["train", "merge", .. members, "--out", merged]);
        Assert.Equal(0, code);
        Assert.Equal($"ppo ensemble of 2 members: {merged}", output.Trim());
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));

        (code, _, string error) = Mm.Run("train", "merge", members[1], "--out", merged);
        Assert.Equal(2, code);
        Assert.Contains("member 0 of 2 missing", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Clear();
        Directory.Delete(_folder, recursive: true);
    }
}
