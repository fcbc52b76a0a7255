using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using MarketMaking.Core.Risk;
using MarketMaking.Data.Bybit;
using MarketMaking.Research.Backtests;
using MarketMaking.Research.Reports;
using MarketMaking.Research.Runs;
using MarketMaking.Strategies;
using MarketMaking.Trading.Session;

namespace MarketMaking.Cli.Commands;

/// <summary>
/// The run folder of an <c>mm trade</c> session, as complete as a backtest's: <c>config.json</c> (the
/// session — venue, endpoint, symbol, paper or live, strategy, journal and run, duration — the
/// settings the strategy reads as resolved for the venue's instrument, by config key, the risk
/// limits, every option's value, given or default, and the final state), <c>command.json</c> (the
/// command with its paths absolute and the journal named, so <c>mm rerun</c> repeats it from any
/// folder), <c>metrics.json</c> and <c>report.html</c>. One folder per session, <c>FOLDER/run-N</c>
/// after the journal's run number (FOLDER: <c>--out</c>, else the journal's folder; with several
/// symbols one <c>FOLDER/SYMBOL</c> each), never over another's. The credentials never appear: only the file they come from.
/// </summary>
internal sealed class TradeRunFolder
{
    private readonly ParseResult _parse;
    private readonly string? _output;
    private readonly string _journal;
    private readonly BybitEnvironment _environment;
    private readonly bool _paper;
    private readonly string _label;
    private readonly string _strategy;
    private readonly ConcurrentDictionary<string, StrategySettings> _strategies = new(StringComparer.Ordinal);

    /// <param name="label">The strategy as the user named it.</param>
    /// <param name="strategy">Its catalog name (or nn-spread): the report and config.json list the settings it reads.</param>
    public TradeRunFolder(ParseResult parse, string? output, string journal, BybitEnvironment environment, bool paper, string label, string strategy)
    {
        _parse = parse;
        _output = output;
        _journal = Path.GetFullPath(journal);
        _environment = environment;
        _paper = paper;
        _label = label;
        _strategy = strategy;
    }

    /// <summary>Records the strategy's parameters as resolved for <paramref name="symbol"/> (its lot is the venue's, known once connected).</summary>
    public void Resolved(string symbol, StrategySettings settings) => _strategies[symbol] = settings;

    /// <summary>Writes the session's folder and returns its path; <paramref name="perSymbol"/> puts it under a folder named after the symbol (several symbols).</summary>
    public string Save(SessionSettings settings, string venue, SessionResult result, bool perSymbol = false)
    {
        string root = Path.GetFullPath(_output ?? Path.GetDirectoryName(_journal)!);
        string folder = Fresh(perSymbol ? Path.Combine(root, settings.Symbol) : root, result.JournalRun);
        DescribedSettings? strategy = _strategies.GetValueOrDefault(settings.Symbol) is { } resolved ? DescribedSettings.For(resolved, [_strategy]) : null;
        string[] arguments = Arguments();
        var items = new List<KeyValuePair<string, string>>
        {
            new("venue", $"{venue} ({_environment.RestBaseUrl}), {Mode}"),
            new("symbol", settings.Symbol),
            new("strategy", _label),
        };
        if (strategy is not null)
        {
            items.Add(BacktestText.StrategySettings(strategy));
        }

        items.Add(new("risk limits", Limits(settings.Run.Risk)));
        items.Add(new("duration", settings.Duration is { } duration ? Seconds(duration) : "until stopped"));
        items.Add(new("journal", $"{result.JournalPath}, run {result.JournalRun}"));
        items.Add(new("end", SessionJson.Final(result)));
        var config = new
        {
            Command = "trade",
            Arguments = arguments,
            Session = new
            {
                Venue = venue,
                Endpoint = _environment.RestBaseUrl.ToString(),
                settings.Symbol,
                Mode,
                Strategy = _label,
                Journal = Path.GetFullPath(result.JournalPath),
                Run = result.JournalRun,
                DurationSeconds = settings.Duration?.TotalSeconds,
            },
            StrategySettings = strategy is null ? null : new OrderedDictionary<string, double>(strategy.Values),
            RiskLimits = settings.Run.Risk,
            Options = Options(),
            End = SessionJson.FinalObject(result),
        };
        return RunFolder.Write(folder, config, new { Results = new[] { RunRow.From(result.Run) } }, ReportBuilder.Backtest("mm trade", $"{_label} on {venue}, {settings.Symbol}", [result.Run], items), arguments);
    }

    private string Mode => _paper ? "paper" : "live";

    /// <summary>
    /// The command as given (config file spelled out, paths absolute), with the journal named when it
    /// was the default: a default is relative to the working folder, and the session is the journal's.
    /// </summary>
    private string[] Arguments()
    {
        string[] given = [.. Configuration.CommandLine.Current ?? []];
        bool named = given.Any(a => a == "--journal" || a.StartsWith("--journal=", StringComparison.Ordinal));
        return named ? given : [.. given, "--journal", _journal];
    }

    /// <summary>Every option of the command with the value it had, given or default (keys as in a config file).</summary>
    private SortedDictionary<string, object?> Options()
    {
        var options = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (Option option in _parse.CommandResult.Command.Options)
        {
            options[option.Name.TrimStart('-').Replace('-', '_')] = _parse.GetResult(option)?.GetValueOrDefault<object?>();
        }

        return options;
    }

    /// <summary>The limits that are set, e.g. "max position 5, max loss 100"; "none".</summary>
    private static string Limits(RiskLimits limits)
    {
        (string Name, double Value)[] all =
        [
            ("max position", limits.MaxPosition), ("max order size", limits.MaxOrderQuantity), ("max order notional", limits.MaxOrderNotional),
            ("price band", limits.PriceBand), ("max open orders", limits.MaxOpenOrders), ("max order rate", limits.MaxOrderRate), ("max loss", limits.MaxLoss),
        ];
        string[] set = [.. all.Where(l => double.IsFinite(l.Value)).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} {l.Value}"))];
        return set.Length > 0 ? string.Join(", ", set) : "none";
    }

    private static string Seconds(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:G} s");

    /// <summary><c>ROOT/run-N</c>, or <c>run-N-2</c>, <c>-3</c>… when that is taken (a journal started afresh beside an old folder).</summary>
    private static string Fresh(string root, int run)
    {
        string folder = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"run-{run}"));
        for (int copy = 2; Directory.Exists(folder); copy++)
        {
            folder = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"run-{run}-{copy}"));
        }

        return folder;
    }
}
