using MarketMaking.Learning.Neural;

namespace MarketMaking.Learning.Tests.Neural;

/// <summary>Central finite differences, evaluated in double, to check analytic gradients.</summary>
internal static class FiniteDifferences
{
    public const float Step = 1e-3f;

    /// <summary>
    /// (f(x + h) − f(x − h)) / (x₊ − x₋) at x[i], dividing by the float-rounded step actually taken
    /// so the rounding of x ± h adds no error.
    /// </summary>
    public static double Derivative(float[] x, int i, Func<double> f)
    {
        float original = x[i];
        x[i] = original + Step;
        float plus = x[i];
        double fPlus = f();
        x[i] = original - Step;
        float minus = x[i];
        double fMinus = f();
        x[i] = original;
        return (fPlus - fMinus) / ((double)plus - minus);
    }

    /// <summary>Relative error 1e-2 with an absolute floor: float32 forward passes carry ~1e-7 relative noise, divided by the 1e-3 step.</summary>
    public static void AssertClose(double analytic, double numeric, string what)
    {
        double tolerance = 1e-3 + (1e-2 * Math.Max(Math.Abs(analytic), Math.Abs(numeric)));
        Assert.True(
            Math.Abs(analytic - numeric) <= tolerance,
            $"{what}: analytic {analytic:G6} vs numeric {numeric:G6}");
    }

    /// <summary>
    /// Checks every parameter gradient and the input gradient of loss = Σ rᵢ·outputᵢ, with fixed
    /// random rᵢ, so ∂loss/∂output = r is the gradient fed to Backward.
    /// </summary>
    public static void CheckNetwork(INetwork network, float[] input, int seed)
    {
        var random = new Random(seed);
        float[] outputWeights = [.. Enumerable.Range(0, network.Forward(input).Length).Select(_ => (float)((2 * random.NextDouble()) - 1))];

        double Loss()
        {
            ReadOnlySpan<float> output = network.Forward(input);
            double sum = 0;
            for (int i = 0; i < output.Length; i++)
            {
                sum += (double)outputWeights[i] * output[i];
            }

            return sum;
        }

        network.ZeroGradients();
        network.Forward(input);
        float[] inputGradient = network.Backward(outputWeights).ToArray();
        float[][] gradients = [.. network.Gradients.Select(g => g.ToArray())];

        for (int p = 0; p < network.Parameters.Count; p++)
        {
            for (int j = 0; j < network.Parameters[p].Length; j++)
            {
                AssertClose(gradients[p][j], Derivative(network.Parameters[p], j, Loss), $"parameter array {p}[{j}]");
            }
        }

        for (int j = 0; j < input.Length; j++)
        {
            AssertClose(inputGradient[j], Derivative(input, j, Loss), $"input[{j}]");
        }
    }

    public static float[] RandomValues(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(scale * ((2 * random.NextDouble()) - 1)))];
    }
}
