using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class NetworkParametersTests
{
    [Fact]
    public void SoftUpdateAndCopyByHand()
    {
        var target = OneWeightNetwork(weight: 1f, bias: 0f);
        var online = OneWeightNetwork(weight: 3f, bias: 2f);

        // τ = 0.25: w = 0.25·3 + 0.75·1 = 1.5, b = 0.25·2 + 0.75·0 = 0.5.
        target.SoftUpdate(online, tau: 0.25f);
        Assert.Equal(1.5f, target.Layers[0].Weights[0]);
        Assert.Equal(0.5f, target.Layers[0].Bias[0]);

        target.CopyFrom(online);
        Assert.Equal(3f, target.Layers[0].Weights[0]);
        Assert.Equal(2f, target.Layers[0].Bias[0]);
        online.Layers[0].Weights[0] = 5f;
        Assert.Equal(3f, target.Layers[0].Weights[0]); // a copy, not a shared array
    }

    [Fact]
    public void RejectsNetworksOfDifferentShapes()
    {
        var small = new Mlp([2, 3, 1], Activation.ReLU, Activation.Identity, seed: 1);
        var large = new Mlp([2, 4, 1], Activation.ReLU, Activation.Identity, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => small.CopyFrom(large));
        Assert.Contains("parameter array 0 has 8 values in the source, 6 in the target", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => small.SoftUpdate(small, tau: 1.5f));
    }

    private static Mlp OneWeightNetwork(float weight, float bias)
    {
        var layer = new DenseLayer(1, 1, Activation.Identity);
        layer.Weights[0] = weight;
        layer.Bias[0] = bias;
        return new Mlp([layer]);
    }
}
