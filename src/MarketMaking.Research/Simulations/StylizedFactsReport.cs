using MarketMaking.Signals.Calibration;
using MarketMaking.Simulation.Agents;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// The stylized facts of a run of the agent-based market (<see cref="StylizedFactsRun"/>): excess
/// kurtosis of 1-minute returns, autocorrelation of their size at lags 1–10, lag-1 autocorrelation
/// of trade-price changes, the spread's distribution in ticks, the impact of market orders by size,
/// and the naive quoter's markout in ticks.
/// </summary>
public sealed record StylizedFactsReport(
    int Minutes,
    long Trades,
    double ReturnExcessKurtosis,
    IReadOnlyList<double> AbsoluteReturnAutocorrelation,
    double TradePriceChangeAutocorrelation,
    IReadOnlyList<double> SpreadShares,
    IReadOnlyList<ImpactBucket> ImpactBySize,
    ParameterEstimate ImpactExponent,
    bool ImpactIsConcave,
    double NaiveMarkoutTicks,
    long NaiveFills,
    long Events);
