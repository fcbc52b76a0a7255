using System.Globalization;
using MarketMaking.Trading.Journal;
using MarketMaking.Venue;

namespace MarketMaking.Trading.Tests.Acceptance;

/// <summary>mm trade with a strategy wearing the adverse-selection guard (NAME+guard --guard-model FILE).</summary>
public class GuardedTradeTests
{
    /// <summary>
    /// The guard reads the session's live features: a detector that calls every fill adverse (logit
    /// +10 whatever the spread: P = 0.99995) withdraws both sides at a threshold of 0.01, so a paper
    /// session places no order; the same session with a detector that calls none adverse (logit −10:
    /// P = 0.0000454) quotes. Before, mm trade refused every guarded strategy.
    /// </summary>
    [Fact]
    public async Task AGuardWhoseDetectorCallsEveryFillAdverseWithdrawsEveryQuoteAndOneThatCallsNoneQuotes()
    {
        await using LocalVenue local = await LocalVenues.StartAsync();
        using var always = new TempJournal();
        using var never = new TempJournal();

        Assert.Equal(0, await TradeAsync(local, always, Detector(always.Folder, intercept: 10)));
        JournalRun run = Assert.Single(JournalReader.Load(always.Path).Runs);
        Assert.Equal("touch+guard", run.Strategy);
        Assert.True(JournalReader.Events(always.Path, "decision").Count > 0, "the session decided");
        Assert.Empty(JournalReader.Orders(always.Path));

        Assert.Equal(0, await TradeAsync(local, never, Detector(never.Folder, intercept: -10)));
        Assert.NotEmpty(JournalReader.Orders(never.Path));
    }

    [Fact]
    public void AGuardedStrategyWithoutADetectorAndAGuardOptionWithoutAGuardAreRefusedInOneLine()
    {
        Assert.Equal(
            (2, "error: invalid guard-model: a guarded strategy in mm trade needs a detector: train one with 'mm train detector' and pass --guard-model\n"),
            Run("trade", "--venue", "bybit", "--paper", "--symbol", "BTCUSDT", "--strategy", "as+guard"));
        Assert.Equal(
            (2, "error: invalid cooldown: --cooldown is read by a guarded strategy only: name one NAME+guard in --strategy (e.g. as+guard)\n"),
            Run("trade", "--venue", "bybit", "--paper", "--symbol", "BTCUSDT", "--strategy", "as", "--cooldown", "3"));
    }

    private static Task<int> TradeAsync(LocalVenue local, TempJournal journal, string detector) => Task.Run(() => Run(
        "trade", "--venue", "local", "--endpoint", local.Url.ToString(), "--paper", "--symbol", "SIMUSDT", "--strategy", "touch+guard",
        "--guard-model", detector, "--guard-threshold", "0.01", "--guard-action", "withdraw", "--duration", "4s", "--journal", journal.Path, "--no-save").Code);

    /// <summary>A detector file over the spread alone with weight 0: its logit is <paramref name="intercept"/> wherever the spread is defined.</summary>
    private static string Detector(string folder, double intercept)
    {
        string path = Path.Combine(folder, "detector.json");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            {"format":"logistic_regression","version":1,"features":["spread"],"means":[0],"scales":[1],"intercept":{{intercept}},"weights":[0],"l2":0,"iterations":1,"converged":true,"training_rows":2}
            """));
        return path;
    }

    private static (int Code, string Error) Run(params string[] args)
    {
        var (code, _, error) = TradeCommandTests.Run(args);
        return (code, error);
    }
}
