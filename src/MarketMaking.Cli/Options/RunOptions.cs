using System.CommandLine;
using MarketMaking.Core.Accounting;
using MarketMaking.Reporting;
using MarketMaking.Research.Runs;
using MarketMaking.Simulation.MonteCarlo;
using MarketMaking.Strategies;

namespace MarketMaking.Cli.Options;

/// <summary>Options of a Monte Carlo run and of where its results go.</summary>
internal sealed class RunOptions
{
    private readonly Option<int> _sims = new("--sims") { Description = "number of trajectories", DefaultValueFactory = _ => 1000 };

    private readonly Option<double?> _maxPosition = new("--max-position") { Description = "position limit Q_max in instrument units for every strategy (default: none)" };
    private readonly Option<double> _q0 = new("--q0") { Description = "inventory at the start, bought at the initial mid" };
    private readonly Option<double> _penalty = new("--inventory-penalty") { Description = "λ of the running inventory penalty ∫λq²dt in penalized_pnl" };
    private readonly Option<double?> _shortPenalty = new("--inventory-penalty-short") { Description = "λ while short, if different (asymmetric penalty)" };
    private readonly Option<int> _threads = new("--threads") { Description = "worker threads (0: all cores)", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _out;
    private readonly Option<bool> _noSave = new("--no-save") { Description = "do not write a run folder" };

    public RunOptions(string defaultFolder)
    {
        _out = new Option<string>("--out") { Description = "run folder (resolved settings, metrics.json, report.html)", DefaultValueFactory = _ => defaultFolder };
    }

    public Option<bool> Json { get; } = new("--json") { Description = "print machine-readable JSON instead of a table" };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "random seed (same seed, same numbers)", DefaultValueFactory = _ => 1 };

    /// <summary>The options of a one-asset Monte Carlo run that the multi-asset market has no use for.</summary>
    public IReadOnlyList<Option> OneAssetOptions => [_maxPosition, _q0, _penalty, _shortPenalty, _threads];

    public double MaxPosition(ParseResult parse) => parse.GetValue(_maxPosition) ?? double.PositiveInfinity;

    /// <summary>Adds the options; without <paramref name="monteCarlo"/> (a backtest, which has its own seed and position limit) only the starting inventory and the output's.</summary>
    public void AddTo(Command command, bool monteCarlo = true)
    {
        Option[] options = monteCarlo
            ? [_sims, Seed, _maxPosition, _q0, _penalty, _shortPenalty, _threads, _out, _noSave, Json]
            : [_q0, _out, _noSave, Json];
        foreach (Option option in options)
        {
            command.Options.Add(option);
        }
    }

    public MonteCarloSettings MonteCarlo(ParseResult parse, StrategySettings strategy) => new MonteCarloSettings
    {
        Trajectories = parse.GetValue(_sims),
        Seed = parse.GetValue(Seed),
        MaxPosition = MaxPosition(parse),
        DecisionInterval = strategy.UpdateInterval,
        InitialInventory = InitialInventory(parse),
        Threads = parse.GetValue(_threads),
    }.Validate();

    public double InitialInventory(ParseResult parse) => parse.GetValue(_q0);

    public InventoryPenalty Penalty(ParseResult parse)
    {
        double lambda = parse.GetValue(_penalty);
        return new InventoryPenalty(lambda, parse.GetValue(_shortPenalty) ?? lambda);
    }

    /// <summary>Writes the run folder unless --no-save (null then); a run already in it is moved aside first, never overwritten.</summary>
    public SavedRun? Save(ParseResult parse, object config, object metrics, ReportDocument report)
    {
        if (parse.GetValue(_noSave))
        {
            return null;
        }

        string folder = parse.GetValue(_out)!;
        string? kept = RunFolder.KeepPrevious(folder);
        return new SavedRun(RunFolder.Write(folder, config, metrics, report, Configuration.CommandLine.Current), kept);
    }
}
