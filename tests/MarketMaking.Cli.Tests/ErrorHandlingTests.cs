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

    /// <summary>A replay and a trading session decide on book updates and never read --update-freq: refused before any data or venue is touched, not ignored.</summary>
    [Theory]
    [InlineData("a replay", "backtest", "--data", "nothere.csv", "--format", "binance-usdm", "--update-freq", "1")]
    [InlineData("a trading session", "trade", "--venue", "local", "--endpoint", "http://127.0.0.1:1", "--paper", "--symbol", "X", "--update-freq", "1")]
    public void UpdateFrequencyIsRefusedWhereDecisionsFollowTheBook(string run, params string[] args)
    {
        var (code, output, error) = Mm.Run(args);
        Assert.Equal((2, ""), (code, output));
        Assert.Equal($"error: invalid update-freq: {run} decides at each book update, at most every --requote-interval (at once after a fill): use --requote-interval; --update-freq is for bars (--bars) and model markets", error.Trim());
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

    /// <summary>
    /// A malformed data file is the user's input: every command reading it exits 2 with one line
    /// naming the file, line and field (they exited 1, as for a failure while running).
    /// </summary>
    [Fact]
    public void AMalformedDataFileExitsTwoInEveryCommandThatReadsIt()
    {
        string folder = Directory.CreateTempSubdirectory("mm-bad-data-").FullName;
        try
        {
            // A Binance USD-M recording whose second message has a price that is not a number.
            string file = Path.Combine(folder, "bad.txt");
            File.WriteAllLines(file,
            [
                """1723161255088176367 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":1,"p":"61800.30","q":"0.002","X":"MARKET","m":false}}""",
                """1723161255088176368 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":2,"p":"6l800.30","q":"0.002","X":"MARKET","m":false}}""",
            ]);
            string[][] commands =
            [
                ["backtest", "--data", file, "--format", "binance-usdm", "--no-save"],
                ["verify-book", "--data", file],
                ["calibrate", "--data", file, "--format", "binance-usdm"],
                ["train", "spread", "--data", file, "--format", "binance-usdm"],
                ["train", "detector", "--data", file, "--format", "binance-usdm"],
                ["judge", "--data", file, "--format", "binance-usdm"],
                ["convert", file, Path.Combine(folder, "bad.mmev"), "--format", "binance-usdm"],
                ["bench", "replay", "--data", file, "--format", "binance-usdm"],
            ];
            foreach (string[] args in commands)
            {
                var (code, output, error) = Mm.Run(args);
                Assert.True(code == 2, $"mm {string.Join(' ', args)}: exit {code}, {error}");
                Assert.Empty(output);
                Assert.Equal($"error: {file}:2: p: '6l800.30' is not a number", error.Trim());
            }

            // Corrupt gzip fails inside a read: it was the runtime's InvalidDataException and a stack trace (exit 134).
            string gzip = Path.Combine(folder, "bad.gz");
            File.WriteAllBytes(gzip, [0x1F, 0x8B, 0x08, 0x00, .. "not deflate at all"u8]);
            foreach (string[] args in new[] { ["backtest", "--data", gzip, "--format", "binance-usdm", "--no-save"], new[] { "backtest", "--data", gzip, "--bars", "--no-save" } })
            {
                var (code, _, error) = Mm.Run(args);
                Assert.Equal(2, code);
                Assert.StartsWith($"error: {gzip}: gzip: corrupt compressed data: ", Assert.Single(error.Trim().Split('\n')), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
