using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class DenseLayerTests
{
    [Fact]
    public void ComputesEachRowOfTheBatch()
    {
        var layer = new DenseLayer(2, 2, Activation.ReLU);
        float[] weights = [1, 2, 3, -4];
        weights.CopyTo(layer.Weights, 0);
        layer.Bias[0] = 0.5f;
        layer.Bias[1] = -1f;

        // Row 1 (1, 1): z = (1 + 2 + 0.5, 3 − 4 − 1) = (3.5, −2) → ReLU (3.5, 0).
        // Row 2 (2, −1): z = (2 − 2 + 0.5, 6 + 4 − 1) = (0.5, 9).
        float[] output = layer.Forward([1, 1, 2, -1]).ToArray();

        Assert.Equal([3.5f, 0f, 0.5f, 9f], output);
    }

    [Fact]
    public void BackwardSumsGradientsOverTheBatchAndReturnsTheInputGradient()
    {
        var layer = new DenseLayer(2, 1, Activation.Identity);
        layer.Weights[0] = 2;
        layer.Weights[1] = -3;
        layer.Forward([1, 2, 3, 4]);

        // y = 2x₁ − 3x₂ + b; with ∂L/∂y = (1, 0.5): ∂L/∂W = 1·(1, 2) + 0.5·(3, 4) = (2.5, 4), ∂L/∂b = 1.5.
        float[] inputGradient = layer.Backward([1f, 0.5f]).ToArray();

        Assert.Equal([2.5f, 4f], layer.WeightGradients);
        Assert.Equal([1.5f], layer.BiasGradients);
        Assert.Equal([2f, -3f, 1f, -1.5f], inputGradient);

        layer.Forward([1, 2, 3, 4]);
        layer.Backward([1f, 0.5f]);
        Assert.Equal([5f, 8f], layer.WeightGradients); // accumulates until zeroed
        layer.ZeroGradients();
        Assert.Equal([0f, 0f], layer.WeightGradients);
    }

    [Theory]
    [InlineData(Activation.Identity)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Softplus)]
    public void GradientsMatchFiniteDifferencesForEveryActivation(Activation activation)
    {
        var network = new Mlp([new DenseLayer(4, 3, activation, seed: 11)]);
        float[] input = FiniteDifferences.RandomValues(3 * 4, seed: 12, scale: 2);

        FiniteDifferences.CheckNetwork(network, input, seed: 13);
    }

    [Fact]
    public void ReusesItsBuffersAndGrowsOnlyForALargerBatch()
    {
        var layer = new DenseLayer(3, 2, Activation.Tanh, seed: 1);
        layer.EnsureBatchCapacity(4);

        ref readonly float first = ref layer.Forward(new float[4 * 3])[0];
        ref readonly float second = ref layer.Forward(new float[2 * 3])[0];
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(in first, in second));

        ref readonly float grown = ref layer.Forward(new float[5 * 3])[0];
        Assert.False(System.Runtime.CompilerServices.Unsafe.AreSame(in first, in grown));
    }

    [Fact]
    public void RejectsABatchThatIsNotAWholeNumberOfRows()
    {
        var layer = new DenseLayer(3, 2, Activation.ReLU, seed: 1);

        Assert.Throws<ArgumentException>(() => layer.Forward(new float[4]));
    }

    [Fact]
    public void RejectsBackwardBeforeForward()
    {
        var layer = new DenseLayer(3, 2, Activation.ReLU, seed: 1);

        Assert.Throws<InvalidOperationException>(() => layer.Backward(new float[2]));
    }
}
