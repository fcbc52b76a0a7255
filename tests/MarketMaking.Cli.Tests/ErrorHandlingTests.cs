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
    [InlineData("exploring_starts", "train", "--agent", "ppo", "--exploring-starts", "11")]
    [InlineData("exploring-starts", "train", "--agent", "sac", "--env", "lob", "--exploring-starts", "3")]
    [InlineData("time-scale", "train", "--agent", "ppo-continuous", "--time-scale", "0")]
    [InlineData("time-scale", "train", "--agent", "ppo-continuous", "--time-scale", "NaN")]
    [InlineData("squash", "train", "--agent", "ppo-continuous", "--squash", "sigmoid")]
    [InlineData("squash", "train", "--agent", "ppo", "--squash", "clip")]
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

    /// <summary>A value of the wrong kind is described in words, never by a .NET type name.</summary>
    [Theory]
    [InlineData("error: --steps: expected a whole number (digits, e.g. 1000000), got '1e15' (see 'mm train --help')", "train", "--agent", "ppo", "--steps", "1e15")]
    [InlineData("error: --sims: expected a whole number from -2,147,483,648 to 2,147,483,647, got '3000000000' (see 'mm simulate --help')", "simulate", "--sims", "3000000000")]
    [InlineData("error: --seed: expected a whole number from 0 to 18,446,744,073,709,551,615, got '-1' (see 'mm simulate --help')", "simulate", "--seed", "-1")]
    [InlineData("error: --gamma: expected a number, got '0,1' (see 'mm simulate --help')", "simulate", "--gamma", "0,1")]
    [InlineData("error: --top: expected a whole number (digits, e.g. 1000000), got '1.5' (see 'mm tune --help')", "tune", "--grid", "gamma=1", "--top", "1.5")]
    [InlineData("error: --runs: expected a whole number (digits, e.g. 1000000), got 'all' (see 'mm evaluate --help')", "evaluate", "--policy", "p.json", "--runs", "all")]
    public void AValueOfTheWrongKindIsDescribedInWords(string expected, params string[] args)
    {
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(expected, error.Trim());
    }

    /// <summary>Every numeric option of every command: a word for a number is refused in words.</summary>
    [Fact]
    public void NoNumericOptionAnswersWithATypeName()
    {
        string[][] commands =
        [
            ["demo"], ["simulate"], ["quotes"], ["backtest", "--data", "x"], ["calibrate"], ["train", "--agent", "dqn"], ["train", "detector"], ["train", "spread"],
            ["evaluate", "--policy", "x"], ["stylized-facts"], ["tune", "--grid", "gamma=1"], ["breakeven"], ["bench", "sim"], ["bench", "abm"], ["bench", "env"], ["bench", "train"],
        ];
        int checkedOptions = 0;
        foreach (string[] command in commands)
        {
            foreach (string option in NumericOptions(command))
            {
                var (code, _, error) = Mm.Run([.. command, option, "x1"]);
                Assert.Equal(2, code);
                Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
                Assert.Contains($"{option}: expected a", error, StringComparison.Ordinal);
                checkedOptions++;
            }
        }

        Assert.True(checkedOptions > 100, $"{checkedOptions} numeric options checked");
    }

    /// <summary>The options of a command whose value is a number.</summary>
    private static IEnumerable<string> NumericOptions(string[] command)
    {
        System.CommandLine.ParseResult parse = MmApplication.Parse(command);
        return parse.CommandResult.Command.Options
            .Where(o => (Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(ulong) || t == typeof(double)))
            .Select(o => o.Name);
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
