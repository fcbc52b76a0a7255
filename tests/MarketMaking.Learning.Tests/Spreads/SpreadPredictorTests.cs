using MarketMaking.Core.Errors;
using MarketMaking.Learning.Neural;
using MarketMaking.Learning.Spreads;

namespace MarketMaking.Learning.Tests.Spreads;

public class SpreadPredictorTests
{
    // Windows whose best half-spread is 1 tick in calm times and 4 ticks when "volatility" is high.
    private static SpreadDataset Synthetic(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new SpreadDataset(["volatility", "spread"]);
        for (int i = 0; i < rows; i++)
        {
            bool wild = random.NextDouble() < 0.5;
            double volatility = (wild ? 3 : 1) + (0.2 * random.NextDouble());
            double reach = wild ? 4 : 1;
            data.Add(i * 1_000_000_000L, [volatility, 1 + random.Next(2)], new SpreadWindow(100, 100, 100 - reach, 100 + reach));
        }

        return data;
    }

    private static readonly SpreadTargetSettings Targets = new() { Candidates = [1, 2, 3, 4, 5], InventoryPenalty = 1 };

    [Fact]
    public void LearnsASpreadThatDependsOnTheFeaturesAndBeatsTheConstant()
    {
        (SpreadDataset train, SpreadDataset test) = Synthetic(2000, 7).SplitByTime(0.75);
        (SpreadPredictor predictor, SpreadEvaluation evaluation) = SpreadPredictorTraining.Fit(train, test, Targets, new SpreadTrainingOptions { Epochs = 40, Seed = 3 });

        // The targets are 1 and 4 in equal shares: the constant (≈ 2.5) misses by 1.5 on every window.
        Assert.InRange(evaluation.ConstantRmse, 1.4, 1.6);
        Assert.True(evaluation.ModelRmse < 0.3, $"model RMSE {evaluation.ModelRmse}");
        Assert.InRange(predictor.Predict([3.1, 1]), 3.5, 4.5);
        Assert.InRange(predictor.Predict([1.1, 2]), 0.5, 1.5);

        // Constants: 1 tick earns 2 on every window; 4 ticks earn 8 on wild ones and 0 on calm ones (mean 4).
        Assert.Equal(4, evaluation.BestConstantHalfSpread);
        Assert.InRange(evaluation.BestConstantPnl, 3.4, 4.6);
    }

    [Fact]
    public void SameSeedSameModel()
    {
        (SpreadDataset train, SpreadDataset test) = Synthetic(300, 1).SplitByTime(0.7);
        var options = new SpreadTrainingOptions { Epochs = 3, Seed = 5 };
        double first = SpreadPredictorTraining.Fit(train, test, Targets, options).Predictor.Predict([2, 1]);
        double second = SpreadPredictorTraining.Fit(train, test, Targets, options).Predictor.Predict([2, 1]);
        Assert.Equal(first, second);
    }

    [Fact]
    public void SavesAndLoadsLosslessly()
    {
        (SpreadDataset train, SpreadDataset test) = Synthetic(300, 2).SplitByTime(0.7);
        SpreadPredictor predictor = SpreadPredictorTraining.Fit(train, test, Targets, new SpreadTrainingOptions { Epochs = 2 }).Predictor;
        string path = Path.Combine(Path.GetTempPath(), $"spread-{Guid.NewGuid():N}.json");
        try
        {
            predictor.Save(path);
            SpreadPredictor loaded = SpreadPredictor.Load(path);
            for (double v = 0; v < 4; v += 0.37)
            {
                Assert.Equal(predictor.Predict([v, 1]), loaded.Predict([v, 1]));
            }

            Assert.Equal(predictor.TargetScale, loaded.TargetScale);
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"spread_predictor\"", "\"something_else\"", StringComparison.Ordinal));
            var error = Assert.Throws<DataFormatException>(() => SpreadPredictor.Load(path));
            Assert.Contains("format", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // One identity layer: the unclamped prediction is 2·spread + 0.5 ticks.
    private static SpreadPredictor Linear(double min = 0, double max = double.PositiveInfinity)
    {
        var layer = new DenseLayer(1, 1, Activation.Identity);
        layer.Weights[0] = 2;
        layer.Bias[0] = 0.5f;
        return new SpreadPredictor(["spread"], [0.0], [1.0], new Mlp([layer]), targetScale: 1, window: 30, min, max);
    }

    [Fact]
    public void PredictionsStayWithinTheCandidatesTrainedOn()
    {
        // Without a range, spread 10 gives 20.5 ticks, outside candidates 1…5; spread −1 gives −1.5,
        // and a half-spread is never below 0.
        Assert.Equal(20.5, Linear().Predict([10]));
        Assert.Equal(0, Linear().Predict([-1]));

        SpreadPredictor clamped = Linear(1, 5);
        Assert.Equal(5, clamped.Predict([10]));
        Assert.Equal(1, clamped.Predict([-1]));
        Assert.Equal(2.5, clamped.Predict([1]));
        Assert.True(double.IsNaN(clamped.Predict([double.NaN])));
    }

    [Fact]
    public void TrainingStoresTheCandidatesRangeInTheModelFile()
    {
        (SpreadDataset train, SpreadDataset test) = Synthetic(300, 2).SplitByTime(0.7);
        SpreadPredictor predictor = SpreadPredictorTraining.Fit(train, test, Targets, new SpreadTrainingOptions { Epochs = 2 }).Predictor;
        Assert.Equal((1, 5), (predictor.MinHalfSpread, predictor.MaxHalfSpread));

        string path = Path.Combine(Path.GetTempPath(), $"spread-{Guid.NewGuid():N}.json");
        try
        {
            Linear(1, 5).Save(path);
            SpreadPredictor loaded = SpreadPredictor.Load(path);
            Assert.Equal((1, 5), (loaded.MinHalfSpread, loaded.MaxHalfSpread));
            Assert.Equal(5, loaded.Predict([10]));

            // A file written before the range was stored: loaded as it was, unclamped.
            string[] lines = File.ReadAllLines(path);
            File.WriteAllLines(path, lines.Where(l => !l.Contains("_half_spread", StringComparison.Ordinal)));
            SpreadPredictor old = SpreadPredictor.Load(path);
            Assert.Equal((0, double.PositiveInfinity), (old.MinHalfSpread, old.MaxHalfSpread));
            Assert.Equal(20.5, old.Predict([10]));

            // Half a range, or an inverted one, is refused by name.
            File.WriteAllLines(path, lines.Where(l => !l.Contains("min_half_spread", StringComparison.Ordinal)));
            Assert.Equal($"{path}:1: min_half_spread: missing", Assert.Throws<DataFormatException>(() => SpreadPredictor.Load(path)).Message);
            File.WriteAllText(path, string.Join('\n', lines).Replace("\"max_half_spread\": 5", "\"max_half_spread\": 0.5", StringComparison.Ordinal));
            Assert.EndsWith("max_half_spread: the range [1, 0.5] needs 0 ≤ min_half_spread ≤ max_half_spread", Assert.Throws<DataFormatException>(() => SpreadPredictor.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TooFewWindowsIsAClearError()
    {
        (SpreadDataset train, SpreadDataset test) = Synthetic(8, 1).SplitByTime(0.5);
        Assert.Throws<InsufficientDataException>(() => SpreadPredictorTraining.Fit(train, test, Targets, new SpreadTrainingOptions()));
    }
}
