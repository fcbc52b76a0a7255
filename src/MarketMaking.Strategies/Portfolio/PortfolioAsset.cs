using MarketMaking.Core.Errors;

namespace MarketMaking.Strategies.Portfolio;

/// <summary>One asset of a portfolio quoted together: its fill intensity A·e^(−κδ) and its order size Δ.</summary>
/// <param name="A">Fill intensity at zero depth, per time unit, A &gt; 0.</param>
/// <param name="Kappa">Decay κ &gt; 0 of the fill intensity with depth.</param>
/// <param name="OrderQuantity">Δ: the size of each quote (units of the asset).</param>
public sealed record PortfolioAsset(double A, double Kappa, double OrderQuantity = 1)
{
    internal void Validate(int index)
    {
        InvalidParameterException.RequirePositive($"assets[{index}].A", A);
        InvalidParameterException.RequirePositive($"assets[{index}].kappa", Kappa);
        InvalidParameterException.RequirePositive($"assets[{index}].order_size", OrderQuantity);
    }
}
