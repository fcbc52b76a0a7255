namespace MarketMaking.Cli.Tests;

/// <summary>
/// A test that runs jobs on a one-node Slurm cluster on this machine (deploy/slurm/local-cluster.sh
/// starts it; .ci/run installs Debian's slurm-wlm and munge): skipped, saying why, only where that is
/// impossible (the packages absent, or not root, which starting the daemons needs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly string[] Programs = ["/usr/bin/sbatch", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged"];

    public SlurmFactAttribute()
    {
        string[] missing = [.. Programs.Where(p => !File.Exists(p))];
        if (missing.Length > 0)
        {
            Skip = $"{string.Join(", ", missing)} not found: install Debian's slurm-wlm and munge (.ci/run does) to run the Slurm test";
        }
        else if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip = "starting a local Slurm cluster (munged, slurmctld, slurmd) needs root on Linux";
        }
    }
}
