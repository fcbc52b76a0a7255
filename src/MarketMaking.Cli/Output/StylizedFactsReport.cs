using MarketMaking.Simulation.Agents;

namespace MarketMaking.Cli.Output;

/// <summary>What <c>mm stylized-facts</c> prints (snake_case in JSON).</summary>
internal sealed record StylizedFactsReport(
    int Minutes,
    long Trades,
    double ReturnExcessKurtosis,
    IReadOnlyList<double> AbsoluteReturnAutocorrelation,
    double TradePriceChangeAutocorrelation,
    IReadOnlyList<double> SpreadShares,
    IReadOnlyList<ImpactBucket> ImpactBySize,
    bool ImpactIsConcave,
    double NaiveMarkoutTicks,
    long NaiveFills,
    long Events);
