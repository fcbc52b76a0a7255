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
    public void BackwardParametersLeavesTheSameGradientsAsBackward()
    {
        var network = new Mlp([3, 9, 9, 2], Activation.Tanh, Activation.Identity, seed: 5);
        float[] input = FiniteDifferences.RandomValues(6 * 3, seed: 6), outputGradient = FiniteDifferences.RandomValues(6 * 2, seed: 7);
        network.Forward(input);
        network.Backward(outputGradient);
        float[][] full = [.. network.Gradients.Select(g => (float[])g.Clone())];

        network.ZeroGradients();
        network.Forward(input);
        network.BackwardParameters(outputGradient);

        Assert.Equal(full, network.Gradients);
    }

    [Fact]
    public void BackwardInputsGivesBackwardsInputGradientAndLeavesTheParameterGradients()
    {
        // Both the wide (9 inputs: plain products) and the narrow (3 inputs: transposed) first layer.
        foreach (int inputs in new[] { 3, 9 })
        {
            var network = new Mlp([inputs, 9, 9, 2], Activation.Tanh, Activation.Identity, seed: 5);
            float[] input = FiniteDifferences.RandomValues(6 * inputs, seed: 6), outputGradient = FiniteDifferences.RandomValues(6 * 2, seed: 7);
            network.Forward(input);
            float[] full = network.Backward(outputGradient).ToArray();
            float[][] earlier = [.. network.Gradients.Select(g => (float[])g.Clone())];

            network.Forward(input);
            float[] inputsOnly = network.BackwardInputs(outputGradient).ToArray();

            Assert.Equal(full, inputsOnly);
            Assert.Equal(inputsOnly, network.InputGradient(6).ToArray());
            Assert.Equal(earlier, network.Gradients); // not added to a second time
            Assert.Contains(full, g => g != 0f);
        }
    }

    [Fact]
    public void AViewSharingTheWeightsSeesTheirUpdatesAndKeepsItsOwnGradients()
    {
        var network = new Mlp([3, 9, 2], Activation.Tanh, Activation.Identity, seed: 5);
        Mlp view = network.SharingWeights();
        float[] input = FiniteDifferences.RandomValues(4 * 3, seed: 6), outputGradient = FiniteDifferences.RandomValues(4 * 2, seed: 7);

        network.Parameters[0][0] += 0.5f; // an optimizer step on the network
        Assert.Equal(network.Forward(input).ToArray(), view.Forward(input).ToArray());

        // Rows 0–1 on the network and 2–3 on the view add up to all four rows on one network.
        network.Forward(input.AsSpan(0, 6));
        network.BackwardParameters(outputGradient.AsSpan(0, 4));
        view.Forward(input.AsSpan(6, 6));
        view.BackwardParameters(outputGradient.AsSpan(4, 4));
        Mlp whole = network.Clone();
        whole.Forward(input);
        whole.BackwardParameters(outputGradient);
        for (int k = 0; k < whole.Gradients.Count; k++)
        {
            for (int j = 0; j < whole.Gradients[k].Length; j++)
            {
                Assert.Equal(whole.Gradients[k][j], network.Gradients[k][j] + view.Gradients[k][j], 5);
            }
        }
    }

    [Fact]
    public void RejectsLayersThatDoNotChain()
    {
        var error = Assert.Throws<ArgumentException>(() => new Mlp([new DenseLayer(3, 4, Activation.ReLU), new DenseLayer(5, 1, Activation.Identity)]));

        Assert.Contains("layer 1 takes 5 inputs but layer 0 gives 4", error.Message, StringComparison.Ordinal);
    }
}
