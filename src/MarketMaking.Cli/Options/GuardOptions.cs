using System.CommandLine;
using MarketMaking.Core.Errors;
using MarketMaking.Learning.AdverseSelection;
using MarketMaking.Research.Quoting;

namespace MarketMaking.Cli.Options;

/// <summary>
/// Options of the adverse-selection guard that a strategy named "NAME+guard" wears, translated
/// into a <see cref="GuardSetup"/>.
/// </summary>
internal sealed class GuardOptions
{
    private readonly Option<string?> _model = new("--guard-model") { Description = "+guard: detector file from 'mm train detector' (default on lob: train one on other seeds)" };
    private readonly Option<double> _threshold = new("--guard-threshold") { Description = "+guard: act on a side when P(adverse fill) exceeds this", DefaultValueFactory = _ => 0.55 };
    private readonly Option<string> _action = new("--guard-action") { Description = "+guard: widen or withdraw an exposed side", DefaultValueFactory = _ => "widen" };
    private readonly Option<double> _widen = new("--guard-widen") { Description = "+guard: ticks an exposed side moves away from the mid", DefaultValueFactory = _ => 3 };
    private readonly Option<double> _cooldown = new("--cooldown") { Description = "+guard: seconds the side a large trade hit stays withdrawn (0: off)", DefaultValueFactory = _ => 0 };
    private readonly Option<long> _largeTrade = new("--large-trade") { Description = "+guard: lots from which a trade counts as large", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _trainRuns = new("--guard-train-runs") { Description = "+guard on lob without --guard-model: runs used to train the detector", DefaultValueFactory = _ => 10 };

    /// <param name="trains">Whether the command can train a detector itself (without --guard-model); mm trade cannot.</param>
    public void AddTo(Command command, bool trains = true)
    {
        foreach (Option option in new Option[] { _model, _threshold, _action, _widen, _cooldown, _largeTrade })
        {
            command.Options.Add(option);
        }

        if (trains)
        {
            command.Options.Add(_trainRuns);
        }
    }

    /// <summary>
    /// Refuses a guard option the run does not read: every one when no strategy wears the guard
    /// (<paramref name="guarded"/> false), and --guard-train-runs beside --guard-model (it trains the
    /// detector the file would replace). Silently ignored, --guard-threshold 0.9 on as ran plain AS.
    /// </summary>
    public void RefuseUnread(ParseResult parse, bool guarded)
    {
        Option? given = new Option[] { _model, _threshold, _action, _widen, _cooldown, _largeTrade, _trainRuns }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (!guarded && given is not null)
        {
            throw new InvalidParameterException(given.Name.TrimStart('-'), $"{given.Name} is read by a guarded strategy only: name one NAME+guard in --strategy (e.g. as+guard)");
        }

        if (parse.GetValue(_model) is not null && parse.GetResult(_trainRuns) is { Implicit: false })
        {
            throw new InvalidParameterException("guard-train-runs", "--guard-train-runs trains a detector when no --guard-model is given: with one, leave it out");
        }
    }

    /// <summary>The guard the options describe, checked.</summary>
    public GuardSetup Setup(ParseResult parse) => new GuardSetup
    {
        ModelPath = parse.GetValue(_model),
        Threshold = parse.GetValue(_threshold),
        Action = parse.GetValue(_action) switch
        {
            "widen" => GuardAction.Widen,
            "withdraw" => GuardAction.Withdraw,
            var other => throw new InvalidParameterException("guard-action", $"unknown action '{other}'; known: widen, withdraw"),
        },
        WideningTicks = parse.GetValue(_widen),
        Cooldown = parse.GetValue(_cooldown),
        LargeTradeSize = parse.GetValue(_largeTrade),
        TrainRuns = parse.GetValue(_trainRuns),
    }.Validate();
}
