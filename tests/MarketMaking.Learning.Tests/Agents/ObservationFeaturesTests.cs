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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RowsAreWrittenAsEachRowAlone(bool squared)
    {
        // Unsquared features with a time gain cannot take the one-multiply path of the whole batch.
        var gains = new ObservationFeatures(5f, squared, 0.5f);
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
