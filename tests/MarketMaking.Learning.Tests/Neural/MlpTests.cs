using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class MlpTests
{
    [Theory]
    [InlineData(Activation.ReLU, Activation.Identity)]
    [InlineData(Activation.Tanh, Activation.Softplus)]
    [InlineData(Activation.Softplus, Activation.Tanh)]
    public void TwoHiddenLayerGradientsMatchFiniteDifferences(Activation hidden, Activation output)
    {
        var network = new Mlp([5, 7, 6, 2], hidden, output, seed: 21);
        float[] input = FiniteDifferences.RandomValues(4 * 5, seed: 22);

        FiniteDifferences.CheckNetwork(network, input, seed: 23);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeights()
    {
        var a = new Mlp([8, 64, 64, 1], Activation.ReLU, Activation.Softplus, seed: 7);
        var b = new Mlp([8, 64, 64, 1], Activation.ReLU, Activation.Softplus, seed: 7);
        var c = new Mlp([8, 64, 64, 1], Activation.ReLU, Activation.Softplus, seed: 8);

        for (int i = 0; i < a.Parameters.Count; i++)
        {
            Assert.Equal(a.Parameters[i], b.Parameters[i]);
        }

        Assert.NotEqual(a.Parameters[0], c.Parameters[0]);
    }

    [Fact]
    public void ExposesArchitectureAndParametersInLayerOrder()
    {
        var network = new Mlp([8, 64, 64, 1], Activation.ReLU, Activation.Softplus, seed: 7);

        Assert.Equal([8, 64, 64, 1], network.LayerSizes);
        Assert.Equal(8, network.InputSize);
        Assert.Equal(1, network.OutputSize);
        Assert.Equal([8 * 64, 64, 64 * 64, 64, 64, 1], network.Parameters.Select(p => p.Length));
        Assert.Equal(network.Parameters.Select(p => p.Length), network.Gradients.Select(g => g.Length));
        Assert.Equal((8 * 64) + 64 + (64 * 64) + 64 + 64 + 1, network.ParameterCount);
        Assert.Equal("8-64-64-1 (ReLU, ReLU, Softplus)", network.Describe());
        Assert.Equal(Activation.Softplus, network.Layers[^1].Activation);
    }

    [Fact]
    public void InitialisesHeForReluAndBiasesAtZero()
    {
        var network = new Mlp([400, 300, 1], Activation.ReLU, Activation.Identity, seed: 3);
        float[] weights = network.Layers[0].Weights;
        double variance = weights.Sum(w => (double)w * w) / weights.Length;

        Assert.Equal(2.0 / 400, variance, 2.0 / 400 * 0.05); // 120 000 draws: within 5 %
        Assert.All(network.Layers[0].Bias, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void CloneCopiesWeightsButNotBuffers()
    {
        var network = new Mlp([3, 4, 2], Activation.Tanh, Activation.Identity, seed: 5);
        Mlp clone = network.Clone();
        float[] input = [0.1f, -0.2f, 0.3f];

        Assert.Equal(network.Forward(input).ToArray(), clone.Forward(input).ToArray());
        clone.Parameters[0][0] += 1f;
        Assert.NotEqual(network.Parameters[0][0], clone.Parameters[0][0]);
    }

    [Fact]
    public void RejectsLayersThatDoNotChain()
    {
        var error = Assert.Throws<ArgumentException>(() => new Mlp([new DenseLayer(3, 4, Activation.ReLU), new DenseLayer(5, 1, Activation.Identity)]));

        Assert.Contains("layer 1 takes 5 inputs but layer 0 gives 4", error.Message, StringComparison.Ordinal);
    }
}
