using MarketMaking.Signals.Calibration;
using MarketMaking.Strategies.Models;
using MarketMaking.Strategies.Vectorization;

namespace MarketMaking.Research.Calibrations;

/// <summary>The quotes a calibration implies: Avellaneda–Stoikov at a time left, and GLFT's stationary quotes.</summary>
/// <param name="AvellanedaStoikov">AS half spread and skew per unit of inventory.</param>
/// <param name="Glft">GLFT (closed form) half spread and skew per unit of inventory.</param>
public sealed record ImpliedQuotes(LinearQuote AvellanedaStoikov, LinearQuote Glft)
{
    /// <summary>The quotes of <paramref name="calibration"/> with risk aversion <paramref name="gamma"/>; AS with <paramref name="timeLeft"/> to go.</summary>
    public static ImpliedQuotes Of(CalibrationResult calibration, double gamma, double timeLeft)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return new ImpliedQuotes(
            new AvellanedaStoikovStrategy(new AvellanedaStoikovParameters(gamma, calibration.Sigma.Value, calibration.Kappa.Value, Horizon: timeLeft)).CoefficientsAt(timeLeft),
            new GlftApproximationStrategy(new GlftApproximationParameters(gamma, calibration.Sigma.Value, calibration.A.Value, calibration.Kappa.Value)).CoefficientsAt(double.PositiveInfinity));
    }
}
