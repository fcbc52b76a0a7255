using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Simulation.MultiAsset;

/// <summary>
/// The multi-asset model market: N mids following a correlated arithmetic Brownian motion (increments
/// N(0, Σ·dt)), and per asset market orders that fill our quotes with intensity A_i·e^(−κ_i δ) (the
/// probability of a fill in a step is A_i·e^(−κ_i δ)·dt, as the one-asset model's linear rule).
/// Prices are continuous; quotes are of Δ_i units.
/// </summary>
public sealed record MultiAssetModelParameters
{
    /// <summary>Σ: covariance of the mids' increments per time unit.</summary>
    public required double[,] Covariance { get; init; }

    /// <summary>Per asset: A, κ and the order size Δ.</summary>
    public required PortfolioAsset[] Assets { get; init; }

    /// <summary>S0 of every asset.</summary>
    public double InitialMid { get; init; } = 100;

    public double Horizon { get; init; } = 1;

    public double TimeStep { get; init; } = 0.005;

    public int Count => Assets.Length;

    public int Steps => (int)Math.Round(Horizon / TimeStep);

    /// <summary>
    /// The most assets <see cref="Uniform"/> builds: Σ, its factor and Γ are N×N and every step costs
    /// N² per trajectory (--assets 100000 ran the process out of memory, exit 134).
    /// </summary>
    public const int MaxUniformAssets = 100;

    /// <summary>Two to N assets with the same σ, A, κ and Δ and one correlation for every pair (the setup of the CLI).</summary>
    public static MultiAssetModelParameters Uniform(int assets, double sigma, double correlation, double a, double kappa, double orderQuantity = 1, double horizon = 1, double timeStep = 0.005)
    {
        if (assets is < 1 or > MaxUniformAssets)
        {
            throw new InvalidParameterException("assets", $"must be 1 to {MaxUniformAssets}, got {assets}");
        }

        // Checked here as well as in Validate, naming both options: either may be the one given (--A 1000 was reported as "invalid dt").
        if (a * timeStep > 1)
        {
            throw new InvalidParameterException("A", string.Create(CultureInfo.InvariantCulture, $"A·dt = {a * timeStep} (--A {a} × --dt {timeStep}): must be at most 1, a fill probability per step of the multi-asset model; lower --A or --dt"));
        }

        return new MultiAssetModelParameters
        {
            Covariance = CovarianceMatrix.Uniform([.. Enumerable.Repeat(sigma, assets)], correlation),
            Assets = [.. Enumerable.Repeat(new PortfolioAsset(a, kappa, orderQuantity), assets)],
            Horizon = horizon,
            TimeStep = timeStep,
        }.Validate();
    }

    public MultiAssetModelParameters Validate()
    {
        ArgumentNullException.ThrowIfNull(Assets);
        CovarianceMatrix.Validate(Covariance);
        if (Covariance.GetLength(0) != Assets.Length)
        {
            throw new InvalidParameterException("covariance", $"is {Covariance.GetLength(0)}×{Covariance.GetLength(0)} for {Assets.Length} assets");
        }

        InvalidParameterException.RequirePositive("horizon", Horizon);
        InvalidParameterException.RequirePositive("dt", TimeStep);
        InvalidParameterException.RequireFinite("s0", InitialMid);
        for (int i = 0; i < Assets.Length; i++)
        {
            InvalidParameterException.RequirePositive($"assets[{i}].A", Assets[i].A);
            InvalidParameterException.RequirePositive($"assets[{i}].kappa", Assets[i].Kappa);
            if (Assets[i].A * TimeStep > 1)
            {
                throw new InvalidParameterException("dt", $"A·dt = {Assets[i].A * TimeStep} for asset {i}: must be at most 1 (a fill probability per step)");
            }
        }

        return this;
    }
}
