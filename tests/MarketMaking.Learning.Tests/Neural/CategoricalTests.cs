using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class CategoricalTests
{
    [Fact]
    public void SoftmaxOfKnownLogits()
    {
        // e⁰ : e^{ln 3} = 1 : 3.
        float[] probabilities = new float[2];
        Softmax.Compute([0f, MathF.Log(3f)], probabilities);

        Assert.Equal(0.25f, probabilities[0], 1e-6f);
        Assert.Equal(0.75f, probabilities[1], 1e-6f);
    }

    [Fact]
    public void HugeLogitsDoNotOverflow()
    {
        float[] logits = [1000f, 1000f, -1000f];
        float[] probabilities = new float[3];
        float[] logProbabilities = new float[3];

        Softmax.Compute(logits, probabilities);
        Softmax.LogSoftmax(logits, logProbabilities);

        Assert.Equal([0.5f, 0.5f, 0f], probabilities);
        Assert.Equal(-MathF.Log(2f), logProbabilities[0], 1e-5f);
        Assert.Equal(-2000f - MathF.Log(2f), logProbabilities[2], 1e-2f); // finite, although p underflows to 0
        Assert.Equal(-MathF.Log(2f), Categorical.LogProbability(logits, 1), 1e-5f);
        Assert.Equal(MathF.Log(2f), Categorical.Entropy(logits), 1e-5f);
        Assert.True(float.IsFinite(Categorical.Entropy(logits, new float[3])));
    }

    [Fact]
    public void EntropyIsLogOfTheCountForUniformLogits()
    {
        Assert.Equal(MathF.Log(4f), Categorical.Entropy([0.3f, 0.3f, 0.3f, 0.3f]), 1e-6f);
    }

    [Fact]
    public void LogProbabilityGradientMatchesFiniteDifferences()
    {
        float[] logits = FiniteDifferences.RandomValues(5, seed: 41, scale: 3);
        float[] gradient = new float[5];
        float value = Categorical.LogProbability(logits, action: 2, gradient);

        Assert.Equal(Categorical.LogProbability(logits, 2), value);
        for (int i = 0; i < logits.Length; i++)
        {
            double numeric = FiniteDifferences.Derivative(logits, i, () => Categorical.LogProbability(logits, 2));
            FiniteDifferences.AssertClose(gradient[i], numeric, $"logit {i}");
        }
    }

    [Fact]
    public void EntropyGradientMatchesFiniteDifferences()
    {
        float[] logits = FiniteDifferences.RandomValues(5, seed: 42, scale: 3);
        float[] gradient = new float[5];
        float value = Categorical.Entropy(logits, gradient);

        Assert.Equal(Categorical.Entropy(logits), value, 1e-6f);
        for (int i = 0; i < logits.Length; i++)
        {
            double numeric = FiniteDifferences.Derivative(logits, i, () => Categorical.Entropy(logits));
            FiniteDifferences.AssertClose(gradient[i], numeric, $"logit {i}");
        }
    }

    [Fact]
    public void LogSoftmaxGradientThroughANetworkMatchesFiniteDifferences()
    {
        // A PPO policy head end to end: ∂(log π(a) + 0.1·H)/∂θ through a 2-layer network.
        var network = new Mlp([3, 5, 4], Activation.Tanh, Activation.Identity, seed: 43);
        float[] state = [0.2f, -0.5f, 0.9f];
        float[] logitGradient = new float[4];
        float[] entropyGradient = new float[4];

        double Objective()
        {
            ReadOnlySpan<float> logits = network.Forward(state);
            return Categorical.LogProbability(logits, 1) + (0.1 * Categorical.Entropy(logits));
        }

        ReadOnlySpan<float> logits = network.Forward(state);
        Categorical.LogProbability(logits, 1, logitGradient);
        Categorical.Entropy(logits, entropyGradient);
        for (int i = 0; i < 4; i++)
        {
            logitGradient[i] += 0.1f * entropyGradient[i];
        }

        network.ZeroGradients();
        network.Backward(logitGradient);
        float[] analytic = [.. network.Gradients[0]];

        for (int j = 0; j < analytic.Length; j++)
        {
            FiniteDifferences.AssertClose(analytic[j], FiniteDifferences.Derivative(network.Parameters[0], j, Objective), $"W₀[{j}]");
        }
    }

    [Fact]
    public void SamplesInProportionToTheProbabilities()
    {
        var random = new Random(44);
        float[] logits = [0f, MathF.Log(3f)];
        int ones = 0;
        for (int i = 0; i < 20_000; i++)
        {
            ones += Categorical.Sample(logits, random);
        }

        Assert.Equal(0.75, ones / 20_000.0, 0.015); // sd of the share ≈ 0.003
    }

    [Fact]
    public void RejectsAnActionOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Categorical.LogProbability([0f, 1f], 2));
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(12, 11)]
    [InlineData(3, 1)]
    public void LogProbabilityAndEntropyTogetherGiveTheSameBitsAsApart(int actions, int action)
    {
        float[] logits = FiniteDifferences.RandomValues(actions, seed: 31);
        float[] logProbabilityGradient = new float[actions], entropyGradient = new float[actions];
        float[] expectedLogProbabilityGradient = new float[actions], expectedEntropyGradient = new float[actions];
        float logProbability = Categorical.LogProbability(logits, action, expectedLogProbabilityGradient);
        float entropy = Categorical.Entropy(logits, expectedEntropyGradient);

        Assert.Equal((logProbability, entropy), Categorical.LogProbabilityAndEntropy(logits, action, logProbabilityGradient, entropyGradient));
        Assert.Equal(expectedLogProbabilityGradient, logProbabilityGradient);
        Assert.Equal(expectedEntropyGradient, entropyGradient);
    }
}
