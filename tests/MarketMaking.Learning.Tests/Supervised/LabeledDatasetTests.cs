using MarketMaking.Learning.Supervised;

namespace MarketMaking.Learning.Tests.Supervised;

public class LabeledDatasetTests
{
    [Fact]
    public void RefusesAndCountsRowsWithNonFiniteFeatures()
    {
        var data = new LabeledDataset(["vpin", "spread"]);

        Assert.True(data.Add(1, [0.3, 2], true));
        Assert.False(data.Add(2, [double.NaN, 2], true));
        Assert.False(data.Add(3, [0.3, double.PositiveInfinity], false));
        Assert.True(data.Add(4, [0.1, 1], false));

        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.Rejected);
        Assert.Equal(1, data.Positives);
        Assert.Equal([0.1, 1.0], data.Features(1).ToArray());
        Assert.Throws<ArgumentException>(() => data.Add(5, [1.0], true));
    }

    [Fact]
    public void RejectsUnusableFeatureNames()
    {
        Assert.Throws<ArgumentException>(() => new LabeledDataset([]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset(["a", "label"]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset(["a,b"]));
        Assert.Throws<ArgumentException>(() => new LabeledDataset([" "]));
    }

    [Fact]
    public void SplitByTimeSortsStablyAndPutsTrainBeforeTest()
    {
        var data = new LabeledDataset(["x"]);
        long[] times = [50, 10, 40, 20, 30, 20, 60, 70, 80, 90];
        for (int i = 0; i < times.Length; i++)
        {
            data.Add(times[i], [i], i % 2 == 0);
        }

        var (train, test) = data.SplitByTime(0.6);

        // Sorted: 10(1) 20(3) 20(5) 30(4) 40(2) 50(0) | 60(6) 70(7) 80(8) 90(9); the two 20s keep insertion order.
        Assert.Equal([10L, 20, 20, 30, 40, 50], train.Times.ToArray());
        Assert.Equal([1.0, 3, 5, 4, 2, 0], Enumerable.Range(0, train.Count).Select(r => train.Features(r)[0]));
        Assert.Equal([60L, 70, 80, 90], test.Times.ToArray());
        Assert.Equal([true, false, true, false], test.Labels.ToArray()); // rows 6..9 went with their labels
        Assert.True(train.Times.ToArray().Max() < test.Times.ToArray().Min());
    }

    [Fact]
    public void SplitNeverCutsThroughOneTimestamp()
    {
        var data = new LabeledDataset(["x"]);
        long[] times = [1, 2, 3, 3, 3, 4, 5, 6];
        foreach (long time in times)
        {
            data.Add(time, [time], true);
        }

        // ⌊0.5·8⌋ = 4 would cut the run of 3s; the cut moves back to its start.
        var (train, test) = data.SplitByTime(0.5);
        Assert.Equal([1L, 2], train.Times.ToArray());
        Assert.Equal([3L, 3, 3, 4, 5, 6], test.Times.ToArray());

        // A run starting at the first row cannot move back: the cut moves to its end instead.
        var same = new LabeledDataset(["x"]);
        foreach (long time in new long[] { 7, 7, 7, 8 })
        {
            same.Add(time, [0], false);
        }

        var (early, late) = same.SplitByTime(0.5);
        Assert.Equal(3, early.Count);
        Assert.Equal([8L], late.Times.ToArray());
    }

    [Fact]
    public void SplitRejectsAFractionOutsideZeroToOne()
    {
        var data = new LabeledDataset(["x"]);

        var error = Assert.Throws<Core.Errors.InvalidParameterException>(() => data.SplitByTime(1));

        Assert.Equal("train_fraction", error.Parameter);
    }

    [Fact]
    public void WritesCsvWithFeatureNamesAndLabel()
    {
        var data = new LabeledDataset(["vpin", "ofi"]);
        data.Add(1, [0.1 + 0.2, -3], true);
        data.Add(2, [1e-20, 4.5], false);
        var writer = new StringWriter { NewLine = "\n" };

        data.WriteCsv(writer);

        Assert.Equal("vpin,ofi,label\n0.30000000000000004,-3,1\n1E-20,4.5,0\n", writer.ToString());
    }
}
