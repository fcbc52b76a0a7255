using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class ClippedSurrogateTests
{
    [Theory]
    // Inside [0.8, 1.2]: S = r·Â and ∂S/∂r = Â, whatever Â's sign.
    [InlineData(1.1f, 2f, 2.2f, 2f)]
    [InlineData(0.9f, -2f, -1.8f, -2f)]
    // Outside, on the side the clip guards: S is the clipped constant, ∂S/∂r = 0.
    [InlineData(1.5f, 2f, 2.4f, 0f)]
    [InlineData(0.5f, -2f, -1.6f, 0f)]
    // Outside, on the side that makes the objective worse: the min keeps r·Â, so the gradient stays.
    [InlineData(1.5f, -2f, -3f, -2f)]
    [InlineData(0.5f, 2f, 1f, 2f)]
    public void ValueAndRatioGradientByHand(float ratio, float advantage, float surrogate, float gradient)
    {
        float value = PpoLoss.ClippedSurrogate(ratio, advantage, 0.2f, out float ratioGradient);

        Assert.Equal(surrogate, value, 1e-6f);
        Assert.Equal(gradient, ratioGradient);
    }

    [Fact]
    public void ARowClippedOutOfTheRangeSendsNoGradientToThePolicyHeads()
    {
        // Two rows with the same observation: row 0's ratio is e^0.5 ≈ 1.65 with Â > 0 (clipped),
        // row 1's is e^0.05 (inside). With only the surrogate term, the heads' gradient comes from row 1 alone.
        var network = new ActorCritic(2, 3, 3, [4], Activation.Tanh, 1f, seed: 5);
        float[] observation = [0.3f, -0.2f];
        Span<float> bid = stackalloc float[3], ask = stackalloc float[3];
        network.Infer(observation, bid, ask);
        float logProbability = Categorical.LogProbability(bid, 1) + Categorical.LogProbability(ask, 2);
        var loss = new PpoLoss(0.2f, 0f, valueCoefficient: 0f, entropyCoefficient: 0f);

        float[] BidBiasGradient(float[] oldLogProbabilities, float[] advantages)
        {
            network.ZeroGradients();
            loss.Accumulate(network, new PpoSamples([.. observation, .. observation], [1, 1], [2, 2], oldLogProbabilities, advantages, [0f, 0f], [0f, 0f]));
            return [.. network.BidHead.BiasGradients];
        }

        float[] both = BidBiasGradient([logProbability - 0.5f, logProbability - 0.05f], [1f, 1f]);
        float[] insideOnly = BidBiasGradient([logProbability - 0.5f, logProbability - 0.05f], [0f, 1f]);
        float[] clippedOnly = BidBiasGradient([logProbability - 0.5f, logProbability - 0.05f], [1f, 0f]);

        Assert.All(clippedOnly, g => Assert.Equal(0f, g));
        Assert.Equal(insideOnly, both);

        // Inside: ∂(−r·Â/m)/∂z = −(r/m)·(onehot − p) with m = 2; the chosen bid's bias gradient is −(r/2)(1 − p₁).
        Span<float> p = stackalloc float[3];
        Softmax.Compute(bid, p);
        Assert.Equal(-(MathF.Exp(0.05f) / 2) * (1 - p[1]), insideOnly[1], 1e-5f);
    }

    [Fact]
    public void TheHalvesOfAMinibatchAddUpToTheWhole()
    {
        // Rows weighted 1/minibatchRows: the two halves on two copies give the whole minibatch's gradient and terms.
        var network = new ActorCritic(2, 3, 4, [5], Activation.Tanh, 2f, seed: 7, squaredFeatures: true, separateValueTrunk: true);
        ActorCritic copy = network.Clone();
        const int rows = 6;
        float[] observations = Tests.Neural.FiniteDifferences.RandomValues(rows * 2, seed: 3);
        int[] bids = [0, 1, 2, 1, 0, 2], asks = [3, 0, 1, 2, 2, 0];
        float[] oldLog = [-2.3f, -2.6f, -2.4f, -2.5f, -2.2f, -2.7f];
        float[] advantages = [1.2f, -0.7f, 0.4f, -1.5f, 0.9f, -0.3f];
        float[] returns = [0.5f, -0.2f, 1.1f, 0.3f, -0.8f, 0.05f];
        float[] oldValues = [0.1f, 0.2f, -0.3f, 0.0f, 0.4f, -0.1f];
        PpoSamples Rows(int from, int count) => new(
            observations.AsSpan(from * 2, count * 2), bids.AsSpan(from, count), asks.AsSpan(from, count), oldLog.AsSpan(from, count),
            advantages.AsSpan(from, count), returns.AsSpan(from, count), oldValues.AsSpan(from, count));
        var loss = new PpoLoss(0.2f, 0f, valueCoefficient: 0.5f, entropyCoefficient: 0.01f);

        network.ZeroGradients();
        PpoLossTerms whole = loss.Accumulate(network, Rows(0, rows));
        float[] expected = [.. network.Gradients.SelectMany(g => g)];
        network.ZeroGradients();
        copy.ZeroGradients();
        PpoLossTerms first = loss.Accumulate(network, Rows(0, 2), rows);
        PpoLossTerms second = new PpoLoss(0.2f, 0f, 0.5f, 0.01f).Accumulate(copy, Rows(2, 4), rows);
        float[] summed = [.. network.Gradients.Zip(copy.Gradients).SelectMany(p => p.First.Zip(p.Second, (a, b) => a + b))];

        Assert.Equal(whole.Loss, first.Loss + second.Loss, 1e-6);
        Assert.Equal(whole.Entropy, first.Entropy + second.Entropy, 1e-6);
        Assert.Equal(whole.ClipFraction, first.ClipFraction + second.ClipFraction, 1e-9);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], summed[j], 1e-6f);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => loss.Accumulate(network, Rows(0, 4), 3));
    }
}
