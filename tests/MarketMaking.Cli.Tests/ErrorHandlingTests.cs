namespace MarketMaking.Cli.Tests;

public class ErrorHandlingTests
{
    [Theory]
    [InlineData("sigma", "simulate", "--sigma", "-1")]
    [InlineData("kappa", "simulate", "--kappa", "0")]
    [InlineData("dt", "simulate", "--dt", "2")]
    [InlineData("strategy", "simulate", "--strategy", "nope")]
    [InlineData("model", "simulate", "--model", "nope")]
    [InlineData("shock", "simulate", "--shock", "cauchy")]
    [InlineData("sims", "simulate", "--sims", "0")]
    [InlineData("gamma", "simulate", "--gamma", "-0.1")]
    [InlineData("model", "quotes", "--model", "fixed")]
    [InlineData("max_inventory", "quotes", "--Q", "0")]
    [InlineData("--sims", "simulate", "--sims", "many")]
    [InlineData("--bogus", "simulate", "--bogus", "1")]
    [InlineData("levels", "simulate", "--levels", "2:2")]
    [InlineData("market_impact", "simulate", "--market-impact", "-1")]
    [InlineData("slippage_bps", "simulate", "--slippage-bps", "-1")]
    public void BadInputIsOneLineNamingTheOptionWithExitCodeTwo(string named, params string[] args)
    {
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"^\s+at ", line);
    }

    [Fact]
    public void NoArgumentsPrintsHelp()
    {
        var (code, output, _) = Mm.Run();
        Assert.Equal(0, code);
        Assert.Contains("demo", output, StringComparison.Ordinal);
        Assert.Contains("simulate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnwritableRunFolderIsARuntimeErrorNotACrash()
    {
        string blocker = Path.Combine(Path.GetTempPath(), $"mm-blocker-{Guid.NewGuid():N}");
        File.WriteAllText(blocker, "a file where the run folder should go");
        try
        {
            var (code, _, error) = Mm.Run("simulate", "--sims", "10", "--out", Path.Combine(blocker, "run"));
            Assert.Equal(1, code);
            Assert.StartsWith("error: cannot write", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
