namespace MarketMaking.Strategies.Models;

/// <summary>Terms shared by the models with exponential fill probability e^(−κδ) and risk aversion γ.</summary>
internal static class ExponentialFillTerms
{
    /// <summary>(1/γ)·ln(1 + γ/κ): the half spread a risk-averse maker charges at zero inventory risk.</summary>
    public static double BaseDepth(double gamma, double kappa) => Math.Log(1 + (gamma / kappa)) / gamma;

    /// <summary>(1 + γ/κ)^(1 + κ/γ), the factor in the GLFT skew and fill-rate terms.</summary>
    public static double GlftFactor(double gamma, double kappa) => Math.Pow(1 + (gamma / kappa), 1 + (kappa / gamma));
}
