using MarketMaking.Learning.Agents;

namespace MarketMaking.Learning.Tests.Agents;

public class ObservationFeaturesTests
{
    [Fact]
    public void TheTimeLeftTakesItsOwnGainAndItsSquareFollows()
    {
        // [q/Q, τ] = [0.3, 0.6], inventory gain 5, time gain 1: [1.5, 0.6, 1.5², 0.6²].
        float[] features = new float[4];
        new ObservationFeatures(5f, true, 1f).Write([0.3f, 0.6f], features);
        AssertClose([1.5f, 0.6f, 2.25f, 0.36f], features);
    }

    [Fact]
    public void OnTheBookOnlyTheTimeColumnTakesTheTimeGain()
    {
        // Book rows: [q/Q, τ, market features…]: every column but τ takes the inventory's gain.
        float[] features = new float[8];
        new ObservationFeatures(5f, true, 2f).Write([0.3f, 0.6f, -0.2f, 0.8f], features);
        AssertClose([1.5f, 1.2f, -1f, 4f, 2.25f, 1.44f, 1f, 16f], features);
    }

    [Fact]
    public void WithoutATimeGainTheTimeTakesTheInventorysAsBefore()
    {
        Assert.Equal(new ObservationFeatures(5f, true, 5f), new ObservationFeatures(5f, true));
        float[] features = new float[4];
        new ObservationFeatures(5f, true).Write([0.3f, 0.6f], features);
        AssertClose([1.5f, 3f, 2.25f, 9f], features);
    }

    [Fact]
    public void TimeProductsFollowEveryOtherFeatureTimesTheTimeLeft()
    {
        // [q/Q, τ] = [0.3, 0.6], gains 5 and 1: [1.5, 0.6, 2.25, 0.36], then q·5·τ = 0.9 and (q·5)²·τ = 1.35.
        var gains = new ObservationFeatures(5f, true, 1f, TimeProducts: true);
        float[] features = new float[gains.Size(2)];
        gains.Write([0.3f, 0.6f], features);
        AssertClose([1.5f, 0.6f, 2.25f, 0.36f, 0.9f, 1.35f], features);

        // A book row [q/Q, τ, m]: products of q, m, q², m² with the raw τ = 0.5.
        var unsquared = new ObservationFeatures(2f, false, 2f, TimeProducts: true);
        float[] book = new float[unsquared.Size(3)];
        unsquared.Write([0.3f, 0.5f, -0.4f], book);
        AssertClose([0.6f, 1f, -0.8f, 0.3f, -0.4f], book);
    }

    [Theory]
    [InlineData(false, false, 2, 2)]
    [InlineData(true, false, 2, 4)]
    [InlineData(true, true, 2, 6)]
    [InlineData(false, true, 7, 13)]
    [InlineData(true, true, 7, 26)]
    public void TheObservationSizeIsRecoveredFromTheFeatureCount(bool squared, bool products, int observations, int features)
    {
        var gains = new ObservationFeatures(5f, squared, 5f, products);
        Assert.Equal(features, gains.Size(observations));
        Assert.Equal(observations, gains.ObservationSize(features));
    }

    [Fact]
    public void AFeatureCountNoRowGivesIsRefused()
    {
        Assert.Equal(-1, new ObservationFeatures(5f, true, 5f, true).ObservationSize(7));   // 4o − 2 is never 7
        Assert.Equal(-1, new ObservationFeatures(5f, true).ObservationSize(5));   // 2o is never 5
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void RowsAreWrittenAsEachRowAlone(bool squared, bool products)
    {
        // Unsquared features with a time gain cannot take the one-multiply path of the whole batch.
        var gains = new ObservationFeatures(5f, squared, 0.5f, products);
        float[] rows = [0.3f, 0.6f, -0.1f, 0.2f];
        int size = gains.Size(2);
        float[] batch = new float[2 * size], first = new float[size], second = new float[size];
        gains.WriteRows(rows, 2, batch);
        gains.Write(rows.AsSpan(0, 2), first);
        gains.Write(rows.AsSpan(2, 2), second);
        Assert.Equal([.. first, .. second], batch);
        Assert.Equal(-0.5f, batch[size], 6);
        Assert.Equal(0.1f, batch[size + 1], 6);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}
