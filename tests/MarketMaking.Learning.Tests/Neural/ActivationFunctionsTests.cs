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

    [Fact]
    public void TanhBackwardIsOneMinusTheSquaredOutputTimesTheGradient()
    {
        // Exact in binary: (1 − 0.25)·2 = 1.5, (1 − 0)·−3 = −3, (1 − 0.5625)·4 = 1.75.
        float[] output = [0.5f, 0f, -0.75f], gradient = [2f, -3f, 4f], result = new float[3];
        ActivationFunctions.Backward(Activation.Tanh, new float[3], output, gradient, result);
        Assert.Equal([1.5f, -3f, 1.75f], result);
    }

    [Theory]
    [InlineData(5)] // shorter than a vector
    [InlineData(37)] // whole vectors and a tail
    public void TanhBackwardRoundsEachStepAsWrittenOutElementByElement(int length)
    {
        float[] output = FiniteDifferences.RandomValues(length, seed: 11), gradient = FiniteDifferences.RandomValues(length, seed: 12, scale: 3);
        float[] result = new float[length];
        ActivationFunctions.Backward(Activation.Tanh, new float[length], output, gradient, result);
        for (int i = 0; i < length; i++)
        {
            float square = output[i] * output[i];
            float derivative = 1f - square;
            Assert.Equal(derivative * gradient[i], result[i]);
        }
    }
}
