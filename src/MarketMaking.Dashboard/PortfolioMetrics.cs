using MarketMaking.Core.Risk;
using Prometheus;

namespace MarketMaking.Dashboard;

/// <summary>
/// <c>/metrics</c> of a multi-instrument dashboard, at the address a scrape config names: every
/// instrument's figures (the one-instrument names, each labelled <c>symbol="…"</c>, set by its own
/// server's poller) and the portfolio's (<c>mm_portfolio_…</c>: each instrument's exposure q·P, net
/// exposure, gross notional, net PnL, and the limits that are set), in one registry.
/// </summary>
internal sealed class PortfolioMetrics
{
    private readonly Gauge _exposure;
    private readonly Gauge _netExposure;
    private readonly Gauge _grossNotional;
    private readonly Gauge _netPnl;
    private readonly Gauge _maxNetExposure;
    private readonly Gauge _maxGrossNotional;

    public PortfolioMetrics(IEnumerable<string> symbols)
    {
        Registry = Metrics.NewCustomRegistry();
        Instruments = [.. symbols.Select(symbol => new DashboardMetrics(Registry, symbol))];
        MetricFactory factory = Metrics.WithCustomRegistry(Registry);
        _exposure = factory.CreateGauge("mm_portfolio_exposure_quote_currency", "Each instrument's position × mid.", new GaugeConfiguration { LabelNames = ["symbol"] });
        _netExposure = factory.CreateGauge("mm_portfolio_net_exposure_quote_currency", "Sum over the instruments of position × mid.");
        _grossNotional = factory.CreateGauge("mm_portfolio_gross_notional_quote_currency", "Sum over the instruments of |position × mid|.");
        _netPnl = factory.CreateGauge("mm_portfolio_net_pnl_quote_currency", "Sum of the instruments' net PnL.");
        _maxNetExposure = factory.CreateGauge("mm_portfolio_max_net_exposure_quote_currency", "Largest |net exposure| the portfolio allows (absent: no limit).", new GaugeConfiguration { SuppressInitialValue = true });
        _maxGrossNotional = factory.CreateGauge("mm_portfolio_max_gross_notional_quote_currency", "Largest gross notional the portfolio allows (absent: no limit).", new GaugeConfiguration { SuppressInitialValue = true });
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Each instrument's figures, in the order given, for its server to set.</summary>
    public IReadOnlyList<DashboardMetrics> Instruments { get; }

    /// <summary>Sets the portfolio's figures from <paramref name="view"/> (at each scrape); <paramref name="limits"/> null when unknown (from journals).</summary>
    public void Update(PortfolioView view, PortfolioRiskLimits? limits)
    {
        foreach (PortfolioInstrumentView instrument in view.Instruments)
        {
            _exposure.WithLabels(instrument.Symbol).Set(instrument.Notional + 0.0);
        }

        _netExposure.Set(view.NetExposure + 0.0);
        _grossNotional.Set(view.GrossNotional);
        _netPnl.Set(view.NetPnl);
        if (limits is not null && double.IsFinite(limits.MaxNetExposure))
        {
            _maxNetExposure.Set(limits.MaxNetExposure);
        }

        if (limits is not null && double.IsFinite(limits.MaxGrossNotional))
        {
            _maxGrossNotional.Set(limits.MaxGrossNotional);
        }
    }
}
