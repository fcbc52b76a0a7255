using MarketMaking.Core.Errors;
using MarketMaking.Research.Cluster;

namespace MarketMaking.Research.Tests.Cluster;

public sealed class ArrayTaskTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ReadsAnExplicitSlice()
    {
        Assert.Equal(new ArrayTask(2, 4), ArrayTask.Parse("shard", "2/4", Env()));
        Assert.Equal("2/4", new ArrayTask(2, 4).ToString());
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("auto/0")]
    public void RefusesMalformedSlices(string text) =>
        Assert.Equal("shard", Assert.Throws<InvalidParameterException>(() => ArrayTask.Parse("shard", text, Env())).Parameter);

    [Fact]
    public void ReadsASlurmArrayByCountOrByMinAndMax()
    {
        // sbatch --array=0-3: task 2 of 4.
        Assert.Equal(new ArrayTask(2, 4), ArrayTask.Parse("shard", "auto", Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "0"))));

        // sbatch --array=1-4 (no count variable on older Slurm): ids 1…4 are shards 0…3.
        Assert.Equal(new ArrayTask(0, 4), ArrayTask.Parse("shard", "auto", Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "4"))));

        // sbatch --array=0-6:2: ids 0, 2, 4, 6 are shards 0…3.
        Assert.Equal(new ArrayTask(3, 4), ArrayTask.Parse("shard", "auto", Env(("SLURM_ARRAY_TASK_ID", "6"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "6"), ("SLURM_ARRAY_TASK_STEP", "2"))));
    }

    [Fact]
    public void ReadsAKubernetesIndexedJobWithItsCountGiven()
    {
        Assert.Equal(new ArrayTask(3, 5), ArrayTask.Parse("shard", "auto/5", Env(("JOB_COMPLETION_INDEX", "3"))));
        string noCount = Assert.Throws<InvalidParameterException>(() => ArrayTask.Parse("shard", "auto", Env(("JOB_COMPLETION_INDEX", "3")))).Message;
        Assert.Contains("auto/N", noCount, StringComparison.Ordinal);
        Assert.Throws<InvalidParameterException>(() => ArrayTask.Parse("shard", "auto/3", Env(("JOB_COMPLETION_INDEX", "3"))));
    }

    [Fact]
    public void AutoOutsideAJobArrayOrWithAnotherCountSaysSo()
    {
        string none = Assert.Throws<InvalidParameterException>(() => ArrayTask.Parse("shard", "auto", Env())).Message;
        Assert.Contains("SLURM_ARRAY_TASK_ID", none, StringComparison.Ordinal);
        string other = Assert.Throws<InvalidParameterException>(() => ArrayTask.Parse("member", "auto/3", Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_COUNT", "4")))).Message;
        Assert.Equal("invalid member: auto/3 was given but the job array has 4 tasks", other);
        Assert.Contains("not a whole number", Assert.Throws<InvalidParameterException>(() => ArrayTask.Parse("shard", "auto", Env(("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_COUNT", "4")))).Message, StringComparison.Ordinal);
    }
}
