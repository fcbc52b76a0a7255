using MarketMaking.Core.Errors;
using MarketMaking.Core.Metrics;
using MarketMaking.Reporting;
using MarketMaking.Research.Reports;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Simulation.MultiAsset;
using MarketMaking.Strategies.Portfolio;

namespace MarketMaking.Research.MultiAsset;

/// <summary>
/// Quoting rules on the multi-asset model market over the same seeds (<c>mm simulate --model multi</c>):
/// per rule the PnL, utility and inventory risk, and each rule's utility and PnL minus the last
/// rule's (the baseline: <c>portfolio,glft</c> gives portfolio − glft), paired by trajectory with 95% intervals.
/// </summary>
public sealed record MultiAssetComparison(
    MultiAssetModelParameters Market,
    double Gamma,
    int Trajectories,
    ulong Seed,
    IReadOnlyList<MultiAssetRow> Rows,
    IReadOnlyDictionary<string, PairedDifference> UtilityDifferences,
    IReadOnlyDictionary<string, PairedDifference> PnlDifferences)
{
    /// <summary>The rules the CLI names: portfolio (covariance-aware) and glft (one-asset makers side by side).</summary>
    public static IReadOnlyList<string> StrategyNames { get; } = ["portfolio", "glft"];

    /// <summary>Runs each named rule on the same <paramref name="trajectories"/> seeded by <paramref name="seed"/>; differences are against the last.</summary>
    public static MultiAssetComparison Run(MultiAssetModelParameters market, IReadOnlyList<string> strategies, double gamma, int trajectories, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(strategies);
        if (strategies.Count == 0)
        {
            throw new InvalidParameterException("strategy", "name at least one of: portfolio, glft");
        }

        var engine = new MultiAssetMonteCarlo(market);
        var outcomes = strategies.Select(name => engine.Run(Quotes(name, gamma, market), trajectories, seed, gamma)).ToList();
        var rows = outcomes.Select(o => new MultiAssetRow(
            o.Strategy,
            PerformanceStatistics.Mean(o.Pnl),
            PerformanceStatistics.StandardDeviation(o.Pnl),
            PerformanceStatistics.Mean(o.Utility),
            PerformanceStatistics.Mean(o.InventoryRisk),
            PerformanceStatistics.Mean(o.Fills),
            PerformanceStatistics.Mean(o.MaxAbsInventory))).ToList();
        var utility = new Dictionary<string, PairedDifference>();
        var pnl = new Dictionary<string, PairedDifference>();
        MultiAssetOutcomes baseline = outcomes[^1];
        foreach (MultiAssetOutcomes candidate in outcomes.Take(outcomes.Count - 1))
        {
            string key = $"{candidate.Strategy} - {baseline.Strategy}";
            utility[key] = PairedDifference.Of(baseline.Utility, candidate.Utility);
            pnl[key] = PairedDifference.Of(baseline.Pnl, candidate.Pnl);
        }

        return new MultiAssetComparison(market, gamma, trajectories, seed, rows, utility, pnl);
    }

    /// <summary>A utility difference as the terminal and the report say it; one run has no interval (it printed [NaN, NaN]).</summary>
    public static string Describe(PairedDifference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return !difference.HasInterval
            ? $"{Formats.Fixed(difference.Mean, 3)} ({PairedDifference.NoInterval})"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Formats.Fixed(difference.Mean, 3)} (95% CI [{Formats.Fixed(difference.Lower, 3)}, {Formats.Fixed(difference.Upper, 3)}], {difference.Pairs} paired runs)");
    }

    /// <summary>The run folder's report: the table the terminal prints and each paired difference.</summary>
    public ReportDocument Report(string title)
    {
        var table = new TableBlock(
            ["strategy", "mean PnL", "std PnL", "utility", "∫qᵀΣq dt", "fills", "max |q|"],
            [.. Rows.Select(r => (IReadOnlyList<string>)[r.Strategy, Formats.Fixed(r.MeanPnl, 2), Formats.Fixed(r.StdPnl, 2), Formats.Fixed(r.MeanUtility, 2), Formats.Fixed(r.MeanInventoryRisk, 2), Formats.Fixed(r.MeanFills, 1), Formats.Fixed(r.MeanMaxAbsInventory, 2)])],
            "Utility: PnL − (γ/2)·∫qᵀΣq dt; fills over every asset; max |q| in order sizes. Means over the trajectories, every rule on the same moves and fill draws.");
        var differences = new KeyValueBlock([.. UtilityDifferences.Select(d => new KeyValuePair<string, string>(
            $"utility {d.Key}",
            Describe(d.Value)))]);
        string subtitle = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Market.Count} assets, γ {Gamma}, T {Market.Horizon}: {Trajectories} runs, seed {Seed}");
        return new ReportDocument(title, subtitle, [new ReportSection("Portfolio quoting on the multi-asset model market", [table, differences])]);
    }

    /// <summary>The quotes a CLI name stands for.</summary>
    public static PortfolioGlftQuotes Quotes(string name, double gamma, MultiAssetModelParameters market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return name?.Trim().ToLowerInvariant() switch
        {
            "portfolio" => PortfolioGlftQuotes.Portfolio(gamma, market.Covariance, market.Assets),
            "glft" => PortfolioGlftQuotes.Independent(gamma, market.Covariance, market.Assets),
            _ => throw new InvalidParameterException("strategy", $"the multi-asset market runs portfolio or glft, not '{name}'"),
        };
    }
}
