using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Neural;
using MarketMaking.Learning.Tests.Neural;

namespace MarketMaking.Learning.Tests.Agents.Ppo;

public class ContinuousPpoLossTests
{
    [Theory]
    [InlineData(0f, false, ActionSquash.Tanh)]
    [InlineData(0.3f, true, ActionSquash.Tanh)]
    [InlineData(0.3f, true, ActionSquash.Clip)]
    public void WholeLossGradientMatchesFiniteDifferencesIncludingLogStd(float valueClipRange, bool separateValueTrunk, ActionSquash squash)
    {
        // Ratios well inside and well outside the clip range (away from its kinks), value and entropy
        // active: every network parameter and both log σ against central differences of the loss.
        var network = new ActorCritic(2, 1, 1, [5, 4], Activation.Tanh, 2f, seed: 7, squaredFeatures: true, separateValueTrunk);
        float[] logStd = [-0.4f, 0.2f];
        const int rows = 6;
        float[] observations = FiniteDifferences.RandomValues(rows * 2, seed: 1);
        float[] actions = FiniteDifferences.RandomValues(rows * 2, seed: 2, scale: 1.5);
        float[] advantages = [1.2f, -0.7f, 0.4f, -1.5f, 0.9f, -0.3f];
        float[] returns = [0.5f, -0.2f, 1.1f, 0.3f, -0.8f, 0.05f];
        float[] offsets = [0.05f, -0.6f, 0.5f, 0.4f, -0.03f, -0.5f];
        float[] oldLogProbabilities = new float[rows], oldValues = new float[rows];
        Span<float> mean = stackalloc float[2];
        for (int row = 0; row < rows; row++)
        {
            oldValues[row] = network.Infer(observations.AsSpan(row * 2, 2), mean[..1], mean[1..]) + (row % 2 == 0 ? 0.1f : -0.6f);
            oldLogProbabilities[row] = (float)squash.LogProbability(mean, logStd, actions.AsSpan(row * 2, 2)) - offsets[row];
        }

        var loss = new ContinuousPpoLoss(new PpoSettings { ValueClipRange = valueClipRange, ValueCoefficient = 0.7f, EntropyCoefficient = 0.05f }, squash);
        float[] logStdGradient = new float[2];
        PpoSamples Samples() => new(observations, [], [], oldLogProbabilities, advantages, returns, oldValues, actions);
        double Loss() => loss.Accumulate(network, logStd, new float[2], Samples(), rows).Loss;

        network.ZeroGradients();
        PpoLossTerms terms = loss.Accumulate(network, logStd, logStdGradient, Samples(), rows);
        float[][] analytic = [.. network.Gradients.Select(g => g.ToArray())];

        Assert.InRange(terms.ClipFraction, 0.3, 0.8);
        // The same network and log σ score the actions again, so log r is each row's offset: |e^offset − 1| exceeds
        // the clip range 0.2 for −0.6, 0.5, 0.4 and −0.5 (4 of 6 rows), and the approximate KL is the mean of r − 1 − log r.
        Assert.Equal(4.0 / 6, terms.ClipFraction);
        Assert.Equal(offsets.Average(o => Math.Exp(o) - 1 - o), terms.ApproximateKl, 5);
        Assert.Equal(SquashedGaussian.GaussianEntropy(logStd), terms.Entropy, 6);
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            for (int j = 0; j < network.Parameters[p].Length; j++)
            {
                FiniteDifferences.AssertClose(analytic[p][j], FiniteDifferences.Derivative(network.Parameters[p], j, Loss), $"parameter array {p}[{j}]");
            }
        }

        for (int k = 0; k < 2; k++)
        {
            FiniteDifferences.AssertClose(logStdGradient[k], FiniteDifferences.Derivative(logStd, k, Loss), $"log σ[{k}]");
        }
    }
}
