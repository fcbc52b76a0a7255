using System.Diagnostics;
using System.Globalization;
using MarketMaking.Tests.Samples;

namespace MarketMaking.Cli.Tests;

/// <summary>
/// The deploy/slurm scripts on a real one-node Slurm cluster on localhost: a 4-task array sweep
/// submitted with sbatch --wait merges into exactly the one-process sweep, and a 2-task ensemble
/// training merges into the one-process ensemble, byte for byte.
/// </summary>
public sealed class SlurmClusterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-slurm-").FullName;
    private readonly string _root = RepositoryFolder.Root;

    // The tool the jobs run: this build's, as the tests run it.
    private static string Tool => $"dotnet {typeof(MmApplication).Assembly.Location}";

    private static readonly string[] SweepArguments = ["--market", "model", "--strategy", "glft", "--grid", "gamma=0.05,0.1,0.5", "--grid", "max_inventory=2,5", "--sims", "200", "--seed", "1"];

    private static readonly string[] TrainingArguments = ["--agent", "ppo", "--steps", "512", "--envs", "8", "--batch-size", "32", "--update-frequency", "16", "--seed", "5", "--checkpoint-every", "0"];

    [SlurmFact]
    public void AFourTaskArraySweepEqualsTheOneProcessSweepAndATwoTaskEnsembleTheOneProcessEnsemble()
    {
        (int started, string why) = Run("bash", [Path.Combine(_root, "deploy", "slurm", "local-cluster.sh")]);
        Assert.True(started == 0, $"the local Slurm cluster did not start: {why}");

        string results = Path.Combine(_folder, "sweep.csv");
        (int code, string output) = Run("sbatch", ["--wait", "--array=0-3", $"--chdir={_folder}", $"--output={_folder}/tune-%a.out", $"--export=ALL,MM={Tool},RESULTS={results}", Path.Combine(_root, "deploy", "slurm", "tune.sbatch"), .. SweepArguments]);
        Assert.True(code == 0, $"sbatch: {output} {Logs("tune-")}");
        string[] shards = [.. Enumerable.Range(0, 4).Select(i => Path.Combine(_folder, $"sweep.shard-{i}-of-4.csv"))];
        string merged = Path.Combine(_folder, "merged.csv"), whole = Path.Combine(_folder, "whole.csv");
        Assert.Equal(0, Mm.Run(["tune", "merge", .. shards, "--out", merged]).Code);
        Assert.Equal(0, Mm.Run(["tune", .. SweepArguments, "--results", whole]).Code);
        Assert.Equal(7, File.ReadAllLines(merged).Length);
        Assert.Equal(File.ReadAllLines(whole).Order(), File.ReadAllLines(merged).Order());

        string members = Path.Combine(_folder, "members");
        (code, output) = Run("sbatch", ["--wait", "--array=0-1", $"--chdir={_folder}", $"--output={_folder}/train-%a.out", $"--export=ALL,MM={Tool},OUT={members}", Path.Combine(_root, "deploy", "slurm", "train.sbatch"), .. TrainingArguments]);
        Assert.True(code == 0, $"sbatch: {output} {Logs("train-")}");
        string policy = Path.Combine(_folder, "policy.json"), oneProcess = Path.Combine(_folder, "one-process.json");
        Assert.Equal(0, Mm.Run(["train", "merge", Path.Combine(members, "member-1.json"), Path.Combine(members, "member-0.json"), "--out", policy]).Code);
        Assert.Equal(0, Mm.Run(["train", .. TrainingArguments, "--members", "2", "--out", oneProcess]).Code);
        Assert.Equal(File.ReadAllBytes(oneProcess), File.ReadAllBytes(policy));
    }

    private string Logs(string prefix) =>
        string.Join(" | ", Directory.EnumerateFiles(_folder, prefix + "*.out").Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f).Trim()}"));

    private static (int Code, string Output) Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, string.Create(CultureInfo.InvariantCulture, $"{output.Trim()} {error.Result.Trim()}"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
