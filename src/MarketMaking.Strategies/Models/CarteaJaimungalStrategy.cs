using MarketMaking.Core.Quoting;
using MarketMaking.Strategies.Numerics;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Strategies.Models;

/// <summary>
/// Cartea–Jaimungal optimal depths with running penalty φ and terminal penalty α (CJP §10.2),
/// name "cj": ω(τ) = exp(−Mτ)·z over q = −Q … Q with φκq² on the diagonal, −λ/e off it and
/// z_q = e^(−ακq²); ask depth δ+ = 1/κ + (1/κ)ln(ω_q/ω_{q−1}), bid depth
/// δ− = 1/κ + (1/κ)ln(ω_q/ω_{q+1}); no bid at q = Q, no ask at q = −Q. Tabulated once.
/// </summary>
public sealed class CarteaJaimungalStrategy : IQuotingStrategy, IInventoryTableQuoting, IInventoryLimited
{
    public CarteaJaimungalStrategy(CarteaJaimungalParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        var (kappa, limit) = (parameters.Kappa, parameters.MaxInventory);
        var size = (2 * limit) + 1;
        var diagonal = new double[size];
        var terminal = new double[size];
        for (var i = 0; i < size; i++)
        {
            double q = i - limit;
            diagonal[i] = parameters.EffectivePhi * kappa * q * q;
            terminal[i] = Math.Exp(-parameters.EffectiveTerminalPenalty * kappa * q * q);
        }

        var offDiagonal = new double[size - 1];
        Array.Fill(offDiagonal, -parameters.ArrivalRate / Math.E);
        Table = InventoryDepthTable.FromValueFunction(
            new TridiagonalExponential(diagonal, offDiagonal),
            terminal,
            limit,
            parameters.Horizon,
            parameters.TimeStep,
            kappa,
            1 / kappa);
    }

    public CarteaJaimungalParameters Parameters { get; }

    public string Name => "cj";

    public InventoryDepthTable Table { get; }

    public double OrderQuantity => Parameters.OrderQuantity;

    public double InventoryLimit => Table.MaxInventory * Parameters.OrderQuantity;

    public QuoteDecision Decide(in QuoteContext context) => Table.Quote(context, Parameters.OrderQuantity);
}
