namespace MarketMaking.Learning.Neural;

/// <summary>Random starting weights scaled so activations neither vanish nor explode with depth.</summary>
public static class WeightInitialization
{
    /// <summary>He (Kaiming) normal, N(0, 2/fanIn): keeps the variance through ReLU-like units, which zero half their inputs.</summary>
    public static void HeNormal(Span<float> weights, int fanIn, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double sd = Math.Sqrt(2.0 / fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(sd * NextGaussian(random));
        }
    }

    /// <summary>Xavier (Glorot) uniform, U(±√(6/(fanIn + fanOut))): keeps the variance through symmetric units such as tanh.</summary>
    public static void XavierUniform(Span<float> weights, int fanIn, int fanOut, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(limit * ((2 * random.NextDouble()) - 1));
        }
    }

    /// <summary>He for ReLU and Softplus, Xavier for Tanh and Identity.</summary>
    public static void ForActivation(Span<float> weights, int fanIn, int fanOut, Activation activation, Random random)
    {
        if (activation is Activation.ReLU or Activation.Softplus)
        {
            HeNormal(weights, fanIn, random);
        }
        else
        {
            XavierUniform(weights, fanIn, fanOut, random);
        }
    }

    /// <summary>Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].</summary>
    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
