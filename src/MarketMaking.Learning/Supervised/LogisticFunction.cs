namespace MarketMaking.Learning.Supervised;

/// <summary>σ(z) and log(1 + eᶻ) without overflow for large |z|.</summary>
internal static class LogisticFunction
{
    public static double Sigmoid(double z)
    {
        if (z >= 0)
        {
            return 1 / (1 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1 + e);
    }

    /// <summary>log(1 + eᶻ): the log-loss of a row is Softplus(−z) when labelled 1, Softplus(z) when 0.</summary>
    public static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
}
