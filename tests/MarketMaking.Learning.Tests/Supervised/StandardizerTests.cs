using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Tests.Supervised;

public class StandardizerTests
{
    [Fact]
    public void UsesTrainStatisticsOnly()
    {
        var data = new LabeledDataset(["spread", "constant"]);
        double[] spreads = [1, 2, 3, 4, 100, 200, 300, 400];
        for (int i = 0; i < spreads.Length; i++)
        {
            data.Add(i, [spreads[i], 7], i % 2 == 0);
        }

        var (train, test) = data.SplitByTime(0.5);
        var standardizer = Standardizer.Fit(train);

        // Train spreads 1..4: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25.
        // The constant feature has std 0 → scale 1.
        Assert.Equal([2.5, 7], standardizer.Means);
        Assert.Equal(Math.Sqrt(1.25), standardizer.Scales[0], 1e-15);
        Assert.Equal(1, standardizer.Scales[1]);

        var standardizedTest = standardizer.Apply(test);
        Assert.Equal((100 - 2.5) / Math.Sqrt(1.25), standardizedTest.Features(0)[0], 1e-12);
        Assert.Equal(0, standardizedTest.Features(0)[1]);
        Assert.Equal(test.Times.ToArray(), standardizedTest.Times.ToArray());
        Assert.Equal(test.Labels.ToArray(), standardizedTest.Labels.ToArray());

        // A model fitted on the train part carries the same train-only statistics.
        var model = LogisticRegression.Fit(train);
        Assert.Equal(standardizer.Means, model.Standardizer.Means);
        Assert.Equal(standardizer.Scales, model.Standardizer.Scales);
    }

    [Fact]
    public void StandardizedTrainHasZeroMeanAndUnitStd()
    {
        var data = new LabeledDataset(["a"]);
        foreach (double value in new double[] { -3, 0.5, 8, 11 })
        {
            data.Add(0, [value], false);
        }

        var z = Standardizer.Fit(data).Apply(data);
        double[] values = [.. Enumerable.Range(0, z.Count).Select(r => z.Features(r)[0])];

        Assert.Equal(0, values.Average(), 1e-15);
        Assert.Equal(1, Math.Sqrt(values.Select(v => v * v).Average()), 1e-15);
    }

    [Fact]
    public void RejectsNonPositiveScales()
    {
        Assert.Throws<ArgumentException>(() => new Standardizer([0.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new Standardizer([0.0, 1], [1.0]));
    }
}
