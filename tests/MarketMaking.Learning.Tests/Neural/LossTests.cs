using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class LossTests
{
    [Fact]
    public void MeanSquaredErrorByHand()
    {
        float[] gradient = new float[3];

        // Errors (1, −2, 0): loss (1 + 4 + 0)/3 = 5/3; gradient 2e/3 = (2/3, −4/3, 0).
        float loss = MeanSquaredError.Compute([2f, 0f, 5f], [1f, 2f, 5f], gradient);

        Assert.Equal(5f / 3f, loss, 1e-6f);
        Assert.Equal([2f / 3f, -4f / 3f, 0f], gradient);
        Assert.Equal(loss, MeanSquaredError.Compute([2f, 0f, 5f], [1f, 2f, 5f]));
    }

    [Fact]
    public void HuberIsQuadraticInsideDeltaAndLinearOutside()
    {
        float[] gradient = new float[2];

        // δ = 1; errors 0.5 and −3: ½·0.25 = 0.125 and 1·(3 − 0.5) = 2.5; mean 1.3125.
        // Gradient clamp(e, −1, 1)/2 = (0.25, −0.5).
        float loss = HuberLoss.Compute([1.5f, -3f], [1f, 0f], gradient, delta: 1f);

        Assert.Equal(1.3125f, loss, 1e-6f);
        Assert.Equal([0.25f, -0.5f], gradient);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientsMatchFiniteDifferences(bool huber)
    {
        float[] predictions = FiniteDifferences.RandomValues(6, seed: 31, scale: 3);
        float[] targets = FiniteDifferences.RandomValues(6, seed: 32);
        float[] gradient = new float[6];
        Func<float> loss = huber
            ? () => HuberLoss.Compute(predictions, targets, gradient, delta: 0.7f)
            : () => MeanSquaredError.Compute(predictions, targets, gradient);

        loss();
        float[] analytic = [.. gradient];

        for (int i = 0; i < predictions.Length; i++)
        {
            double numeric = FiniteDifferences.Derivative(predictions, i, () => loss());
            FiniteDifferences.AssertClose(analytic[i], numeric, $"prediction {i}");
        }
    }

    [Fact]
    public void RejectsMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => MeanSquaredError.Compute([1f, 2f], [1f], new float[2]));
        Assert.Throws<ArgumentException>(() => HuberLoss.Compute([1f, 2f], [1f, 2f], new float[1]));
    }
}
