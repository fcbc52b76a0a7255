using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Neural;
using MarketMaking.Learning.Tests.Neural;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class ActorCriticGradientTests
{
    [Theory]
    [InlineData(0f, false, false)]
    [InlineData(0.3f, false, false)]
    [InlineData(0f, true, false)]
    [InlineData(0.3f, true, true)]
    public void WholeLossGradientMatchesFiniteDifferences(float valueClipRange, bool squaredFeatures, bool separateValueTrunk)
    {
        // A tiny network and a minibatch whose ratios sit well inside and well outside the clip range
        // (away from its kinks), with value, entropy and both heads active: every trunk parameter's
        // gradient is the sum of what the three heads send back, so a missing or doubled head shows.
        var network = new ActorCritic(2, 3, 4, [5, 4], Activation.Tanh, 2f, seed: 11, squaredFeatures, separateValueTrunk);
        Assert.Equal(separateValueTrunk ? 14 : 10, network.Parameters.Count);
        const int rows = 6;
        float[] observations = FiniteDifferences.RandomValues(rows * 2, seed: 1);
        int[] bids = [0, 1, 2, 1, 0, 2];
        int[] asks = [3, 0, 1, 2, 2, 0];
        float[] advantages = [1.2f, -0.7f, 0.4f, -1.5f, 0.9f, -0.3f];
        float[] returns = [0.5f, -0.2f, 1.1f, 0.3f, -0.8f, 0.05f];
        float[] offsets = [0.05f, -0.6f, 0.5f, 0.4f, -0.03f, -0.5f];
        float[] oldLogProbabilities = new float[rows];
        float[] oldValues = new float[rows];
        Span<float> bid = stackalloc float[3], ask = stackalloc float[4];
        for (int row = 0; row < rows; row++)
        {
            oldValues[row] = network.Infer(observations.AsSpan(row * 2, 2), bid, ask) + (row % 2 == 0 ? 0.1f : -0.6f);
            oldLogProbabilities[row] = Categorical.LogProbability(bid, bids[row]) + Categorical.LogProbability(ask, asks[row]) - offsets[row];
        }

        var loss = new PpoLoss(0.2f, valueClipRange, valueCoefficient: 0.7f, entropyCoefficient: 0.05f);
        PpoSamples Samples() => new(observations, bids, asks, oldLogProbabilities, advantages, returns, oldValues);
        double Loss() => loss.Accumulate(network, Samples()).Loss;

        network.ZeroGradients();
        PpoLossTerms terms = loss.Accumulate(network, Samples());
        float[][] analytic = [.. network.Gradients.Select(g => g.ToArray())];

        Assert.InRange(terms.ClipFraction, 0.4, 0.8);
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            for (int j = 0; j < network.Parameters[p].Length; j++)
            {
                FiniteDifferences.AssertClose(analytic[p][j], FiniteDifferences.Derivative(network.Parameters[p], j, Loss), $"parameter array {p}[{j}]");
            }
        }
    }

    [Fact]
    public void TrunkGradientIsTheSumOfTheHeadsContributions()
    {
        // Backward with one head's gradient at a time adds up to backward with all three at once.
        var network = new ActorCritic(2, 3, 2, [4], Activation.ReLU, 1f, seed: 3);
        float[] observations = FiniteDifferences.RandomValues(3 * 2, seed: 2);
        float[] bidGradient = FiniteDifferences.RandomValues(3 * 3, seed: 4);
        float[] askGradient = FiniteDifferences.RandomValues(3 * 2, seed: 5);
        float[] valueGradient = FiniteDifferences.RandomValues(3, seed: 6);

        float[] TrunkGradients(float[] b, float[] a, float[] v)
        {
            network.ZeroGradients();
            network.Forward(observations, out _, out _, out _);
            network.Backward(b, a, v);
            return [.. network.Trunk.Gradients.SelectMany(g => g)];
        }

        float[] all = TrunkGradients(bidGradient, askGradient, valueGradient);
        float[] bidOnly = TrunkGradients(bidGradient, new float[6], new float[3]);
        float[] askOnly = TrunkGradients(new float[9], askGradient, new float[3]);
        float[] valueOnly = TrunkGradients(new float[9], new float[6], valueGradient);

        for (int j = 0; j < all.Length; j++)
        {
            Assert.Equal(bidOnly[j] + askOnly[j] + valueOnly[j], all[j], 1e-5f);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void InferMatchesForwardRowByRow(bool squaredFeatures, bool separateValueTrunk)
    {
        var network = new ActorCritic(2, 3, 4, [8, 8], Activation.Tanh, 5f, seed: 9, squaredFeatures, separateValueTrunk);
        float[] observations = FiniteDifferences.RandomValues(4 * 2, seed: 8);
        network.Forward(observations, out ReadOnlySpan<float> bidLogits, out ReadOnlySpan<float> askLogits, out ReadOnlySpan<float> values);
        float[] bids = bidLogits.ToArray(), asks = askLogits.ToArray(), v = values.ToArray();

        Span<float> bid = stackalloc float[3], ask = stackalloc float[4];
        for (int row = 0; row < 4; row++)
        {
            float value = network.Infer(observations.AsSpan(row * 2, 2), bid, ask);
            Assert.Equal(v[row], value, 1e-6f);
            // The batched pass sums in another order than the one-row pass: equal to rounding.
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(bids[(row * 3) + i], bid[i], 1e-5f);
            }

            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(asks[(row * 4) + i], ask[i], 1e-5f);
            }
        }
    }

    [Fact]
    public void SquaredFeaturesAppendTheSquaresOfTheScaledObservations()
    {
        var network = new ActorCritic(2, 3, 4, [4], Activation.Tanh, 2f, seed: 1, squaredFeatures: true);
        Span<float> features = stackalloc float[4];

        network.Features([0.3f, -0.5f], features);

        // Scaled by 2: [0.6, −1.0]; squares: [0.36, 1.0].
        Assert.Equal(4, network.FeatureSize);
        Assert.Equal(2, network.ObservationSize);
        Assert.Equal(0.6f, features[0], 1e-6f);
        Assert.Equal(-1f, features[1], 1e-6f);
        Assert.Equal(0.36f, features[2], 1e-6f);
        Assert.Equal(1f, features[3], 1e-6f);
        Assert.Equal(4, network.Trunk.InputSize);
    }

    [Fact]
    public void TimeFeaturesReachTheBatchAndTheClones()
    {
        // Time gain 0.5 and time products: six inputs; the batched forward pass, the one-row
        // inference and a clone all see the same features (a clone that lost them would not fit its trunk or would differ).
        var network = new ActorCritic(2, 3, 4, [5], Activation.Tanh, 2f, seed: 4, squaredFeatures: true, separateValueTrunk: true, timeScale: 0.5f, timeProducts: true);
        Assert.Equal(6, network.FeatureSize);
        float[] observations = [0.3f, 0.8f, -0.6f, 0.1f];
        network.Forward(observations, out ReadOnlySpan<float> bids, out _, out ReadOnlySpan<float> values);
        float[] batchBids = bids.ToArray(), batchValues = values.ToArray();
        ActorCritic clone = network.Clone();
        Assert.Equal((0.5f, true), (clone.TimeScale, clone.TimeProducts));
        Span<float> bid = stackalloc float[3], ask = stackalloc float[4], cloneBid = stackalloc float[3];
        for (int row = 0; row < 2; row++)
        {
            float value = network.Infer(observations.AsSpan(row * 2, 2), bid, ask);
            Assert.Equal(batchValues[row], value, 1e-5f);
            Assert.Equal(value, clone.Infer(observations.AsSpan(row * 2, 2), cloneBid, ask));
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(batchBids[(row * 3) + i], bid[i], 1e-5f);
                Assert.Equal(bid[i], cloneBid[i]);
            }
        }
    }

    [Fact]
    public void ASeparateValueTrunkKeepsValueAndPolicyGradientsApart()
    {
        var network = new ActorCritic(2, 3, 2, [4], Activation.Tanh, 1f, seed: 3, separateValueTrunk: true);
        Mlp valueTrunk = network.ValueTrunk!;
        float[] observations = FiniteDifferences.RandomValues(3 * 2, seed: 2);

        (float Policy, float Value) Norms(float[] b, float[] a, float[] v)
        {
            network.ZeroGradients();
            network.Forward(observations, out _, out _, out _);
            network.Backward(b, a, v);
            return (network.Trunk.Gradients.Sum(g => g.Sum(Math.Abs)), valueTrunk.Gradients.Sum(g => g.Sum(Math.Abs)));
        }

        (float policyFromValue, float valueFromValue) = Norms(new float[9], new float[6], FiniteDifferences.RandomValues(3, seed: 6));
        (float policyFromPolicy, float valueFromPolicy) = Norms(FiniteDifferences.RandomValues(9, seed: 4), FiniteDifferences.RandomValues(6, seed: 5), new float[3]);

        Assert.Equal(0f, policyFromValue);
        Assert.True(valueFromValue > 0);
        Assert.Equal(0f, valueFromPolicy);
        Assert.True(policyFromPolicy > 0);
    }

    [Fact]
    public void CloneKeepsFeaturesAndTheValueTrunk()
    {
        var network = new ActorCritic(2, 3, 4, [6], Activation.Tanh, 5f, seed: 9, squaredFeatures: true, separateValueTrunk: true);
        ActorCritic copy = network.Clone();
        float[] observation = [0.2f, 0.7f];
        Span<float> bid = stackalloc float[3], ask = stackalloc float[4], bidCopy = stackalloc float[3], askCopy = stackalloc float[4];

        float value = network.Infer(observation, bid, ask);
        float valueCopy = copy.Infer(observation, bidCopy, askCopy);

        Assert.True(copy.SquaredFeatures);
        Assert.NotNull(copy.ValueTrunk);
        Assert.Equal(value, valueCopy);
        Assert.Equal(bid.ToArray(), bidCopy.ToArray());
        Assert.Equal(ask.ToArray(), askCopy.ToArray());
    }
}
