using MarketMaking.Core.Errors;

namespace MarketMaking.Signals.Toxicity;

/// <summary>
/// Probability of informed trading (Easley, Kiefer, O'Hara and Paperman 1996): the share of
/// expected order arrivals that come from informed traders, αμ/(αμ + εb + εs).
/// </summary>
public static class Pin
{
    /// <param name="alpha">Probability of an information event per period, in [0, 1].</param>
    /// <param name="mu">Arrival rate of informed orders on an information day.</param>
    /// <param name="epsilon">Arrival rate of uninformed orders on each side.</param>
    /// <returns>αμ/(αμ + 2ε).</returns>
    public static double Compute(double alpha, double mu, double epsilon) => Compute(alpha, mu, epsilon, epsilon);

    /// <returns>αμ/(αμ + εb + εs).</returns>
    public static double Compute(double alpha, double mu, double epsilonBuy, double epsilonSell)
    {
        InvalidParameterException.RequireProbability("alpha", alpha);
        InvalidParameterException.RequireNonNegative("mu", mu);
        InvalidParameterException.RequireNonNegative("epsilon_buy", epsilonBuy);
        InvalidParameterException.RequireNonNegative("epsilon_sell", epsilonSell);
        double informed = alpha * mu;
        double total = informed + epsilonBuy + epsilonSell;
        return total > 0 ? informed / total : throw new InvalidParameterException("mu", "αμ + εb + εs must be positive");
    }
}
