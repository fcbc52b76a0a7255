using System.Text.Json;
using MarketMaking.Cli.Configuration;

namespace MarketMaking.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-train-").FullName;

    /// <summary>The toxic preset cut to ten minutes, so a test runs in seconds.</summary>
    private string ShortToxic()
    {
        string market = Path.Combine(_folder, "toxic-short.yaml");
        File.WriteAllText(market, File.ReadAllText(Path.Combine(AgentMarketPresets.Folder, "toxic.yaml")).Replace("duration: 3600", "duration: 600", StringComparison.Ordinal));
        return market;
    }

    [Fact]
    public void DetectorTrainsOnEarlierFillsScoresLaterOnesAndLoadsForTheGuard()
    {
        string model = Path.Combine(_folder, "detector.json");
        var (code, output, error) = Mm.Run("train", "detector", "--preset", ShortToxic(), "--runs", "4", "--calibrate-seconds", "300", "--out", model, "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;

        // Informed flow leaves a trace in the book: the detector ranks adverse fills above chance.
        Assert.InRange(root.GetProperty("auc").GetDouble(), 0.55, 1);
        Assert.InRange(root.GetProperty("base_rate").GetDouble(), 0.2, 0.8);
        int train = root.GetProperty("train_rows").GetInt32(), test = root.GetProperty("test_rows").GetInt32();
        Assert.InRange((double)train / (train + test), 0.6, 0.8);
        Assert.Equal(["vpin", "ofi", "spread", "volume", "imbalance", "imbalance5", "mid_change", "trade_imbalance"], root.GetProperty("features").EnumerateArray().Select(e => e.GetString()));

        // The saved model drives a guard in a comparison, which prints the paired difference.
        (code, output, error) = Mm.Run(
            "simulate", "--market", "lob", "--preset", ShortToxic(), "--strategy", "as-rolling,as-rolling+guard", "--guard-model", model,
            "--runs", "3", "--calibrate-seconds", "300", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("as-rolling+guard − as-rolling over 3 paired seeds: mean PnL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SpreadPredictorReportsItsErrorBesideTheConstant()
    {
        string model = Path.Combine(_folder, "spread.json");
        var (code, output, error) = Mm.Run("train", "spread", "--preset", ShortToxic(), "--runs", "2", "--epochs", "5", "--out", model, "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement evaluation = JsonDocument.Parse(output).RootElement.GetProperty("evaluation");

        // 2 runs × 600 s every 2 s, windows of 30 s: about 2·(300 − 15) samples, 30% of them tested.
        Assert.InRange(evaluation.GetProperty("test_rows").GetInt32(), 150, 190);
        Assert.True(evaluation.GetProperty("model_rmse").GetDouble() > 0);
        Assert.True(evaluation.GetProperty("constant_rmse").GetDouble() > 0);
        Assert.True(File.Exists(model));

        // The model drives the nn-spread strategy, loaded by path.
        (code, output, error) = Mm.Run(
            "simulate", "--market", "lob", "--preset", ShortToxic(), "--strategy", "fixed,nn-spread", "--spread-model", model, "--runs", "2", "--calibrate-seconds", "300", "--json", "--no-save");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement rows = JsonDocument.Parse(output).RootElement.GetProperty("results");
        Assert.Equal("nn-spread", rows[1].GetProperty("strategy").GetString());
        Assert.True(rows[1].GetProperty("fills_mean").GetDouble() > 0);
    }

    [SharedDataFact]
    public void DetectorTrainsOnRecordedData()
    {
        var (code, output, error) = Mm.Run("train", "detector", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        int train = root.GetProperty("train_rows").GetInt32(), test = root.GetProperty("test_rows").GetInt32();
        Assert.True(train + test > 1000, $"{train + test} fills");
        Assert.InRange((double)train / (train + test), 0.6, 0.8);
    }

    [SharedDataFact]
    public void SpreadPredictorTrainsOnRecordedDataAndSaysWhenItIsWorse()
    {
        string[] args = ["train", "spread", "--data", SharedData.BinanceUsdm, "--format", "binance-usdm", "--window", "10", "--sample-interval", "1", "--epochs", "5"];
        var (code, output, error) = Mm.Run(args);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("btcusdt_20240808.gz:", output, StringComparison.Ordinal);

        // "lower" only when the model's RMSE is below the constant's: (1 − model²/constant²) in words.
        JsonElement e = JsonDocument.Parse(Mm.Run([.. args, "--json"]).Output).RootElement.GetProperty("evaluation");
        double model = e.GetProperty("model_rmse").GetDouble(), constant = e.GetProperty("constant_rmse").GetDouble();
        double change = Math.Abs(1 - (model * model / (constant * constant)));
        string expected = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(squared error {change:P1} {(model < constant ? "lower" : "higher")})");
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.12, "12.0 % lower")]
    [InlineData(-0.054, "5.4 % higher")]
    [InlineData(0, "0.0 % lower")]
    public void TheSquaredErrorChangeSaysHigherWhenTheModelIsWorse(double reduction, string expected) =>
        Assert.Equal(expected, Commands.TrainSpreadCommand.ErrorChange(reduction));

    [Fact]
    public void AModelPathThatCannotBeWrittenFailsBeforeAnyFillIsCollected()
    {
        string blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "a file where a folder should be");
        var (code, output, error) = Mm.Run("train", "detector", "--preset", "toxic", "--runs", "20", "--out", Path.Combine(blocker, "detector.json"));
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith($"error: cannot write {Path.Combine(blocker, "detector.json")}", error, StringComparison.Ordinal);
        (code, _, error) = Mm.Run("train", "spread", "--preset", "toxic", "--runs", "8", "--out", Path.Combine(blocker, "spread.json"));
        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot write {Path.Combine(blocker, "spread.json")}", error, StringComparison.Ordinal);
        (code, _, error) = Mm.Run("train", "--agent", "ppo", "--out", Path.Combine(blocker, "ppo.json"));
        Assert.Equal(1, code);
        Assert.StartsWith($"error: cannot write {Path.Combine(blocker, "ppo.json")}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "simulate", "--strategy", "as+guard" }, "the model market")]
    [InlineData(new[] { "simulate", "--market", "lob", "--strategy", "nn-spread", "--runs", "2" }, "spread-model")]
    [InlineData(new[] { "train", "detector", "--features", "vpin,vpinn" }, "unknown feature 'vpinn'")]
    [InlineData(new[] { "train", "detector", "--runs", "1" }, "runs")]
    [InlineData(new[] { "simulate", "--market", "lob", "--strategy", "as,as+guard", "--guard-threshold", "1.5", "--runs", "2" }, "guard_threshold")]
    [InlineData(new[] { "simulate", "--market", "lob", "--strategy", "as", "--guard-threshold", "0.9", "--runs", "2" }, "error: invalid guard-threshold: --guard-threshold is read by a guarded strategy only: name one NAME+guard in --strategy (e.g. as+guard)")]
    [InlineData(new[] { "simulate", "--market", "lob", "--strategy", "as+guard", "--guard-model", "detector.json", "--guard-train-runs", "3" }, "error: invalid guard-train-runs: --guard-train-runs trains a detector when no --guard-model is given: with one, leave it out")]
    [InlineData(new[] { "backtest", "--data", "trades.csv", "--format", "binance-usdm", "--strategy", "as", "--guard-widen", "5" }, "error: invalid guard-widen: --guard-widen is read by a guarded strategy only")]
    public void MistakesAreOneLine(string[] args, string expected)
    {
        var (code, _, error) = Mm.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
