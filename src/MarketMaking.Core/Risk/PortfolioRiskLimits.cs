using MarketMaking.Core.Errors;

namespace MarketMaking.Core.Risk;

/// <summary>
/// Limits of a portfolio of instruments in the quote currency: per instrument |q_i·P_i|, the net
/// exposure |Σ q_i·P_i| and the gross notional Σ |q_i·P_i|. Dynamic: an instrument whose volatility
/// σ_i is above its reference σ_ref,i has its limit multiplied by σ_ref,i/σ_i, and the portfolio's
/// two limits by the smallest of those factors, so risk in volatility units stays capped as markets
/// turn wild: limit_t = base × min(1, σ_ref/σ_t), σ_t an exponentially weighted volatility of the
/// instrument's log returns with half-life <see cref="VolatilityHalfLife"/>. Infinity switches a limit off.
/// </summary>
public sealed record PortfolioRiskLimits
{
    /// <summary>One limit per instrument, in the portfolio's instrument order.</summary>
    public IReadOnlyList<InstrumentExposureLimit> Instruments { get; init; } = [];

    /// <summary>Largest |Σ q_i·P_i|.</summary>
    public double MaxNetExposure { get; init; } = double.PositiveInfinity;

    /// <summary>Largest Σ |q_i·P_i|.</summary>
    public double MaxGrossNotional { get; init; } = double.PositiveInfinity;

    /// <summary>Half-life of the volatility σ_t the dynamic limits compare with each σ_ref.</summary>
    public TimeSpan VolatilityHalfLife { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Every field checked, with a one-line error naming it (e.g. <c>portfolio_risk.instruments[1].max_exposure</c>).</summary>
    public PortfolioRiskLimits Validate()
    {
        ArgumentNullException.ThrowIfNull(Instruments);
        RequirePositive("portfolio_risk.max_net_exposure", MaxNetExposure);
        RequirePositive("portfolio_risk.max_gross_notional", MaxGrossNotional);
        RequirePositive("portfolio_risk.volatility_half_life", VolatilityHalfLife.TotalSeconds);
        for (int i = 0; i < Instruments.Count; i++)
        {
            InstrumentExposureLimit limit = Instruments[i] ?? throw new InvalidParameterException($"portfolio_risk.instruments[{i}]", "is missing");
            RequirePositive($"portfolio_risk.instruments[{i}].max_exposure", limit.MaxExposure);
            RequirePositive($"portfolio_risk.instruments[{i}].volatility_reference", limit.VolatilityReference);
        }

        return this;
    }

    /// <summary>σ_ref/σ above the reference, 1 at or below it (or while σ is unknown).</summary>
    public double Scale(int instrument, double volatility)
    {
        double reference = Instruments[instrument].VolatilityReference;
        return volatility > reference ? reference / volatility : 1;
    }

    /// <summary>The first limit <paramref name="positions"/> break at <paramref name="prices"/> and <paramref name="volatilities"/>, and the instrument (−1 for portfolio limits).</summary>
    /// <param name="onlyInstrument">The one instrument whose own limit is checked (each other instrument's own
    /// limit is its gate's business); −1, the default: every instrument's.</param>
    public (PortfolioBreach Breach, int Instrument) Check(ReadOnlySpan<double> positions, ReadOnlySpan<double> prices, ReadOnlySpan<double> volatilities, int onlyInstrument = -1)
    {
        int n = Instruments.Count;
        if (positions.Length != n || prices.Length != n || volatilities.Length != n)
        {
            throw new ArgumentException($"expected {n} positions, prices and volatilities (one per instrument)");
        }

        double net = 0, gross = 0, portfolioScale = 1;
        for (int i = 0; i < n; i++)
        {
            double exposure = positions[i] * prices[i];
            double scale = Scale(i, volatilities[i]);
            if ((onlyInstrument < 0 || onlyInstrument == i) && Math.Abs(exposure) > Instruments[i].MaxExposure * scale)
            {
                return (PortfolioBreach.InstrumentExposure, i);
            }

            net += exposure;
            gross += Math.Abs(exposure);
            portfolioScale = Math.Min(portfolioScale, scale);
        }

        if (Math.Abs(net) > MaxNetExposure * portfolioScale)
        {
            return (PortfolioBreach.NetExposure, -1);
        }

        return gross > MaxGrossNotional * portfolioScale ? (PortfolioBreach.GrossNotional, -1) : (PortfolioBreach.None, -1);
    }

    private static void RequirePositive(string field, double value)
    {
        if (!(value > 0))
        {
            throw new InvalidParameterException(field, $"must be positive (or absent for no limit), got {value}");
        }
    }
}
