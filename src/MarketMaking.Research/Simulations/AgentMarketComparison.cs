using System.Globalization;
using MarketMaking.Reporting;
using MarketMaking.Research.Quoting;
using MarketMaking.Research.Reports;
using MarketMaking.Simulation.Agents;
using MarketMaking.Simulation.Engine;

namespace MarketMaking.Research.Simulations;

/// <summary>
/// Strategies compared on the agent-based market: each over the same seeds, summarized across
/// runs, and each after the first compared with it seed by seed. What <c>mm simulate --market lob</c> runs.
/// </summary>
public sealed class AgentMarketComparison
{
    private AgentMarketComparison(AgentMarketSetup setup, AgentMarketRunSettings settings, IReadOnlyList<AgentMarketEvaluation> evaluations, IReadOnlyList<string> detectors)
    {
        Setup = setup;
        RunSettings = settings;
        Evaluations = evaluations;
        Differences = [.. evaluations.Skip(1).Select(e => PairedComparison.Of(evaluations[0], e, settings.Penalty))];
        TrainedDetectors = detectors;
    }

    /// <summary>The market and its calibrated strategy settings.</summary>
    public AgentMarketSetup Setup { get; }

    /// <summary>How the strategies were run.</summary>
    public AgentMarketRunSettings RunSettings { get; }

    /// <summary>Each strategy's runs and summary, in the order asked.</summary>
    public IReadOnlyList<AgentMarketEvaluation> Evaluations { get; }

    /// <summary>Each strategy after the first minus the first, over the paired seeds.</summary>
    public IReadOnlyList<PairedComparison> Differences { get; }

    /// <summary>One line per guard detector trained for the comparison (none when every guard had a model file).</summary>
    public IReadOnlyList<string> TrainedDetectors { get; }

    /// <summary>Each strategy's summary as a row (the shape of metrics.json and <c>--json</c>).</summary>
    public IReadOnlyList<SummaryRow> Rows => [.. Evaluations.Select(e => SummaryRow.From(Setup.Name, e.Summary))];

    /// <summary>Runs every strategy of <paramref name="strategies"/> on the market of <paramref name="setup"/>, reporting each strategy's end to <paramref name="progress"/>.</summary>
    /// <exception cref="Core.Errors.InvalidParameterException">Fewer than one run.</exception>
    public static AgentMarketComparison Run(AgentMarketSetup setup, IReadOnlyList<StrategyChoice> strategies, AgentMarketRunSettings settings, IProgress<Evaluation.EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        var guards = new GuardedStrategies(settings.Strategies, settings.Guard, settings.Mechanics, setup, settings.Seed);
        AgentMarketParameters market = setup.Market;
        var evaluations = strategies
            .Select((s, i) =>
            {
                AgentMarketEvaluation evaluation = AgentMarketEvaluator.Evaluate(market, guards.Create(s), s.Label, settings.Runs, settings.Seed, settings.Risk, setup.Settings.Gamma, settings.Penalty, settings.Mechanics.Apply(new RunSettings { SlippageBps = settings.SlippageBps }, market.TickSize));
                progress?.Report(new Evaluation.EvaluationProgress(i + 1, strategies.Count, s.Label));
                return evaluation;
            })
            .ToList();
        return new AgentMarketComparison(setup, settings, evaluations, guards.Trained);
    }

    /// <summary>What the report and the terminal list about the comparison: market, calibration, runs, limits, refusals, detectors, differences.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SettingsItems()
    {
        AgentMarketParameters market = Setup.Market;
        ulong seed = RunSettings.Seed;
        int runs = RunSettings.Runs;
        double limit = RunSettings.Risk.MaxPosition;
        var items = new List<KeyValuePair<string, string>>
        {
            new("market", $"{Setup.Name}: {market.Duration:G} s per run, decisions every {market.DecisionInterval:G} s, tick {market.TickSize:G}, lot {market.LotSize:G}"),
            new("calibration", Setup.CalibrationText),
            new("runs", $"{runs} per strategy, seeds {seed}…{seed + (ulong)runs - 1}"),
            new("position limit", double.IsPositiveInfinity(limit) ? "none" : limit.ToString(CultureInfo.InvariantCulture)),
            new("orders refused on arrival (would have crossed)", string.Join(", ", Evaluations.Select(e => $"{e.Label} {e.OrdersRefused}"))),
            new("risk rejections", string.Join(", ", Evaluations.Select(e => $"{e.Label} {e.Runs.Sum(r => r.Rejections.Values.Sum())}"))),
        };
        items.AddRange(TrainedDetectors.Select(t => new KeyValuePair<string, string>("guard detector", t)));
        items.AddRange(Differences.Select(d => new KeyValuePair<string, string>($"{d.Candidate} − {d.Baseline}", d.Describe())));
        return items;
    }

    /// <summary>The report: the comparison across runs, then run 0 of each strategy in full.</summary>
    public ReportDocument Report(string title) => ReportBuilder.AgentComparison(title, Setup.Name, Evaluations, SettingsItems());
}
