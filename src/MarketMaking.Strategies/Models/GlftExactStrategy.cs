using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Numerics;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// Guéant, Lehalle &amp; Fernandez-Tapia (2013) exact solution for |q| ≤ Q, name "glft-exact":
/// v(τ) = exp(−Mτ)·1 with M tridiagonal over q = −Q … Q, α·q² on the diagonal (α = κγσ²/2) and
/// −η off it (η = A·(1+γ/κ)^−(1+κ/γ)); δb(q) = (1/κ)ln(v_q/v_{q+1}) + (1/γ)ln(1+γ/κ),
/// δa(q) = (1/κ)ln(v_q/v_{q−1}) + (1/γ)ln(1+γ/κ); no bid at q = Q, no ask at q = −Q.
/// The depths are tabulated once; a decision is a table lookup.
/// </summary>
public sealed class GlftExactStrategy : IQuotingStrategy, IInventoryTableQuoting, IInventoryLimited
{
    public GlftExactStrategy(GlftExactParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        var (gamma, sigma, kappa, limit) = (parameters.EffectiveGamma, parameters.Sigma, parameters.Kappa, parameters.MaxInventory);
        var alpha = 0.5 * kappa * gamma * sigma * sigma;
        var eta = parameters.A / ExponentialFillTerms.GlftFactor(gamma, kappa);
        var size = (2 * limit) + 1;
        var diagonal = new double[size];
        for (var i = 0; i < size; i++)
        {
            double q = i - limit;
            diagonal[i] = alpha * q * q;
        }

        var offDiagonal = new double[size - 1];
        Array.Fill(offDiagonal, -eta);
        var terminal = new double[size];
        Array.Fill(terminal, 1.0);
        Table = InventoryDepthTable.FromValueFunction(
            new TridiagonalExponential(diagonal, offDiagonal),
            terminal,
            limit,
            parameters.Horizon,
            parameters.TimeStep,
            kappa,
            ExponentialFillTerms.BaseDepth(gamma, kappa));
    }

    public GlftExactParameters Parameters { get; }

    public string Name => "glft-exact";

    public InventoryDepthTable Table { get; }

    public double OrderQuantity => Parameters.OrderQuantity;

    public double InventoryLimit => Table.MaxInventory * Parameters.OrderQuantity;

    public QuoteDecision Decide(in QuoteContext context) => Table.Quote(context, Parameters.OrderQuantity);
}
