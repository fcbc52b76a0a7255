using MarketMaking.Learning.Agents.Ppo;
using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

public class SquashedGaussianTests
{
    private static readonly float[] Mean = [0.3f, -1.2f];
    private static readonly float[] LogStd = [-0.5f, 0.4f];
    private static readonly float[] Noise = [0.7f, -1.1f];

    [Fact]
    public void LogTanhDerivativeIsStableAndExact()
    {
        // ln(1 − tanh²u) directly where it is well conditioned; −2|u| + 2 ln 2 where tanh² rounds to 1.
        foreach (double u in new[] { -3.0, -0.5, 0, 0.25, 2.0 })
        {
            Assert.Equal(Math.Log(1 - (Math.Tanh(u) * Math.Tanh(u))), SquashedGaussian.LogTanhDerivative(u), 12);
        }

        Assert.Equal((-2 * 40) + (2 * Math.Log(2)), SquashedGaussian.LogTanhDerivative(40), 9);
        Assert.Equal((-2 * 40) + (2 * Math.Log(2)), SquashedGaussian.LogTanhDerivative(-40), 9);
    }

    [Fact]
    public void SampleIsTanhOfTheShiftedNoiseAndItsDensityByChangeOfVariables()
    {
        float[] action = new float[2];
        double logProbability = SquashedGaussian.Sample(Mean, LogStd, Noise, action);

        // Hand-computed: u = μ + e^s·ε; log N(u; μ, σ) − ln(1 − a²) per dimension.
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            double sigma = Math.Exp(LogStd[i]), u = Mean[i] + (sigma * Noise[i]), a = Math.Tanh(u);
            Assert.Equal(a, action[i], 6);
            expected += (-0.5 * Math.Pow((u - Mean[i]) / sigma, 2)) - Math.Log(sigma * Math.Sqrt(2 * Math.PI)) - Math.Log(1 - (a * a));
        }

        Assert.Equal(expected, logProbability, 5);
    }

    [Fact]
    public void TheSquashedDensityIntegratesToOneOverTheActions()
    {
        // π(a) = N(atanh a; μ, σ) / (1 − a²) on (−1, 1): the midpoint rule over a fine grid sums to 1.
        const int cells = 200_000;
        float[] mean = [0.4f], logStd = [-0.3f], noise = new float[1], action = new float[1];
        double total = 0, width = 2.0 / cells;
        for (int k = 0; k < cells; k++)
        {
            double a = -1 + ((k + 0.5) * width);
            noise[0] = (float)((Math.Atanh(a) - mean[0]) / Math.Exp(logStd[0]));
            total += Math.Exp(SquashedGaussian.Sample(mean, logStd, noise, action)) * width;
        }

        Assert.Equal(1, total, 3);
    }

    [Fact]
    public void BackwardMatchesFiniteDifferencesOfActionAndLogProbability()
    {
        // L = Σ gᵢ·aᵢ + h·log π with fixed weights, through the reparameterized sample (ε fixed).
        float[] actionWeights = [0.8f, -0.6f];
        const double logWeight = 0.37;
        float[] mean = [.. Mean], logStd = [.. LogStd], action = new float[2];

        double Loss()
        {
            double logProbability = SquashedGaussian.Sample(mean, logStd, Noise, action);
            return (actionWeights[0] * (double)action[0]) + (actionWeights[1] * (double)action[1]) + (logWeight * logProbability);
        }

        float[] meanGradient = new float[2], logStdGradient = new float[2];
        SquashedGaussian.Backward(mean, logStd, Noise, actionWeights, logWeight, meanGradient, logStdGradient);
        for (int i = 0; i < 2; i++)
        {
            FiniteDifferences.AssertClose(meanGradient[i], FiniteDifferences.Derivative(mean, i, Loss), $"∂L/∂μ[{i}]");
            FiniteDifferences.AssertClose(logStdGradient[i], FiniteDifferences.Derivative(logStd, i, Loss), $"∂L/∂s[{i}]");
        }
    }

    [Fact]
    public void ModeIsTanhOfTheMean()
    {
        float[] action = new float[2];
        SquashedGaussian.Mode(Mean, action);
        Assert.Equal(Math.Tanh(0.3), action[0], 6);
        Assert.Equal(Math.Tanh(-1.2), action[1], 6);
    }

    [Fact]
    public void LogProbabilityOfARecordedPreSquashActionIsTheSampledOne()
    {
        // u = μ + σε recorded, then scored again: the same log π as the sample gave, and by hand.
        float[] action = new float[2], u = new float[2];
        double sampled = SquashedGaussian.Sample(Mean, LogStd, Noise, action);
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            double sigma = Math.Exp(LogStd[i]);
            u[i] = (float)(Mean[i] + (sigma * Noise[i]));
            double a = Math.Tanh(u[i]);
            expected += (-0.5 * Math.Pow((u[i] - Mean[i]) / sigma, 2)) - Math.Log(sigma * Math.Sqrt(2 * Math.PI)) - Math.Log(1 - (a * a));
        }

        Assert.Equal(expected, SquashedGaussian.LogProbability(Mean, LogStd, u), 5);
        Assert.Equal(sampled, SquashedGaussian.LogProbability(Mean, LogStd, u), 5);
    }

    [Fact]
    public void TheClippedPolicysLogProbabilityIsTheGaussianDensityOfTheRecordedSample()
    {
        // A clipped policy scores u by its Gaussian density alone, by hand: N(u; μ, σ) per side.
        float[] u = [1.7f, -2.3f];
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            double sigma = Math.Exp(LogStd[i]);
            expected += Math.Log(Math.Exp(-0.5 * Math.Pow((u[i] - Mean[i]) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI)));
        }

        Assert.Equal(expected, SquashedGaussian.GaussianLogProbability(Mean, LogStd, u), 6);
        Assert.Equal(expected, ActionSquash.Clip.LogProbability(Mean, LogStd, u), 6);
        Assert.Equal(SquashedGaussian.LogProbability(Mean, LogStd, u), ActionSquash.Tanh.LogProbability(Mean, LogStd, u));
        // The squash maps u: tanh, or u clipped at ±1.
        Assert.Equal(Math.Tanh(0.4), ActionSquash.Tanh.Apply(0.4));
        Assert.Equal([0.4, 1, -1], new[] { 0.4, 1.7, -2.3 }.Select(x => ActionSquash.Clip.Apply(x)));
    }

    [Fact]
    public void LogProbabilityGradientMatchesFiniteDifferencesAtAFixedAction()
    {
        float[] mean = [.. Mean], logStd = [.. LogStd], u = [1.1f, -2.3f];
        double LogProbability() => SquashedGaussian.LogProbability(mean, logStd, u);
        float[] meanGradient = new float[2], logStdGradient = new float[2];
        SquashedGaussian.LogProbabilityGradient(mean, logStd, u, meanGradient, logStdGradient);
        for (int i = 0; i < 2; i++)
        {
            FiniteDifferences.AssertClose(meanGradient[i], FiniteDifferences.Derivative(mean, i, LogProbability), $"∂log π/∂μ[{i}]");
            FiniteDifferences.AssertClose(logStdGradient[i], FiniteDifferences.Derivative(logStd, i, LogProbability), $"∂log π/∂s[{i}]");
        }
    }

    [Fact]
    public void GaussianEntropyIsTheClosedForm()
    {
        // N(·, 1) has entropy ½ln(2πe) = 1.418939 nats; each unit of log σ adds one nat.
        Assert.Equal(2 * 1.4189385332, SquashedGaussian.GaussianEntropy([0f, 0f]), 8);
        Assert.Equal(1.4189385332 - 0.5 + 1.4189385332 + 0.4, SquashedGaussian.GaussianEntropy(LogStd), 6);
    }
}
