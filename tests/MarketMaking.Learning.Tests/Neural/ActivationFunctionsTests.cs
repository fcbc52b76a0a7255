using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class ActivationFunctionsTests
{
    [Fact]
    public void ComputesKnownValues()
    {
        float[] x = [-2f, 0f, 1.5f];
        float[] y = new float[3];

        ActivationFunctions.Apply(Activation.ReLU, x, y);
        Assert.Equal([0f, 0f, 1.5f], y);

        ActivationFunctions.Apply(Activation.Tanh, x, y);
        Assert.Equal(Math.Tanh(-2), y[0], 1e-6);
        Assert.Equal(Math.Tanh(1.5), y[2], 1e-6);

        ActivationFunctions.Apply(Activation.Softplus, x, y);
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), y[0], 1e-6);
        Assert.Equal(Math.Log(2), y[1], 1e-6);
    }

    [Fact]
    public void SoftplusIsStableForLargeInputs()
    {
        Assert.Equal(200f, ActivationFunctions.Softplus(200f)); // log(1 + e²⁰⁰) overflows if computed naively
        Assert.Equal(0f, ActivationFunctions.Softplus(-200f));
        Assert.True(ActivationFunctions.Softplus(-20f) > 0f);
    }
}
