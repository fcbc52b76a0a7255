using MarketMaking.Core.Errors;
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

    [Fact]
    public void TooFewWindowsIsAClearError()
    {
        (SpreadDataset train, SpreadDataset test) = Synthetic(8, 1).SplitByTime(0.5);
        Assert.Throws<InsufficientDataException>(() => SpreadPredictorTraining.Fit(train, test, Targets, new SpreadTrainingOptions()));
    }
}
