using System.CommandLine;
using System.CommandLine.Invocation;
using MarketMaking.Cli.Commands;
using MarketMaking.Cli.Configuration;
using MarketMaking.Core.Errors;

namespace MarketMaking.Cli;

/// <summary>
/// The <c>mm</c> tool. Parses first and reports a usage error as one line with exit code 2; a
/// user's bad value (<see cref="MarketMakingException"/>) is one line too, never a stack trace.
/// </summary>
public static class MmApplication
{
    /// <summary>How often a redirected run prints a progress line to standard error.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the tool's command line. Progress lines (when the output is not a terminal) go to
    /// <paramref name="error"/> only when it is the process's standard error.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, ReferenceEquals(error, Console.Error) ? ProgressInterval : null);

    /// <summary>Runs the tool's command line, with progress lines to <paramref name="error"/> every <paramref name="progressInterval"/> (null: none).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeSpan? progressInterval) => Run(args, [], output, error, progressInterval);

    /// <summary>
    /// Runs <paramref name="args"/> with <paramref name="unrecorded"/> added: output flags a run folder
    /// does not record as the run's command (a rerun's --json, so the rerun of the rerun prints a table again).
    /// </summary>
    private static int Run(string[] args, string[] unrecorded, TextWriter output, TextWriter error, TimeSpan? progressInterval)
    {
        ArgumentNullException.ThrowIfNull(args);
        var terminal = new Terminal(output, error, progressInterval);
        (RootCommand root, Option<string?> config) = Commands(terminal, (command, flags) => Run(command, flags, output, error, progressInterval));

        // No ProcessTerminationTimeout: the command decides how long its stop takes (StopSignals).
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            ParseResult parse = root.Parse(args.Length == 0 ? ["--help"] : [.. args, .. unrecorded]);
            string[] effective = args;
            string? configPath = null;
            IReadOnlyList<ConfigEntry> fromConfig = [];
            if (parse.GetValue(config) is { } path && parse.CommandResult.Command is not ConfigShow)
            {
                (string[] combined, IReadOnlyList<ConfigEntry> applied) = CommandConfig.Apply(path, parse, args);
                (configPath, fromConfig) = (path, applied);
                parse = root.Parse([.. combined, .. unrecorded]);
                if (parse.Errors.Count > 0 && CommandConfig.Explain(path, parse, applied) is { } explained)
                {
                    throw explained;
                }

                effective = WithoutConfig(combined);
            }

            if (parse.Errors.Count > 0)
            {
                error.WriteLine($"error: {ValueKinds.Explain(parse.Errors[0])} (see '{CommandPath(parse.CommandResult)} --help')");
                return 2;
            }

            Configuration.CommandLine.Set(PathArguments.Resolve(effective));
            try
            {
                if (parse.Action is not AsynchronousCommandLineAction)
                {
                    // A synchronous command takes no token: a signal ends it as the system does.
                    return parse.Invoke(configuration);
                }

                using var signals = new StopSignals();
                return parse.InvokeAsync(configuration, signals.Token).GetAwaiter().GetResult();
            }
            catch (InvalidParameterException e) when (configPath is not null && CommandConfig.Locate(configPath, e, fromConfig) is { } located)
            {
                throw located;
            }
        }
        catch (MarketMakingException e)
        {
            error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return 130;
        }
    }

    /// <summary>The command line of a parse, without running it (tests read the commands' options from it).</summary>
    internal static ParseResult Parse(params string[] args) => Commands(new Terminal(TextWriter.Null), (_, _) => 0).Root.Parse(args);

    /// <summary>Every command, writing to <paramref name="terminal"/>; <paramref name="rerun"/> runs a recorded command line with output flags it does not record.</summary>
    private static (RootCommand Root, Option<string?> Config) Commands(Terminal terminal, Func<string[], string[], int> rerun)
    {
        var config = new Option<string?>("--config") { Description = "YAML file of settings for the command (options on the command line win)", Recursive = true };
        var root = new RootCommand("mm — market-making toolkit: quoting models, simulated and recorded markets, metrics and reports.")
        {
            DemoCommand.Create(terminal),
            SimulateCommand.Create(terminal),
            QuotesCommand.Create(terminal),
            BacktestCommand.Create(terminal),
            CalibrateCommand.Create(terminal),
            TrainCommand.Create(terminal),
            EvaluateCommand.Create(terminal),
            StylizedFactsCommand.Create(terminal),
            FetchCommand.Create(terminal),
            ConvertCommand.Create(terminal),
            VerifyBookCommand.Create(terminal),
            JudgeCommand.Create(terminal),
            RecordCommand.Create(terminal),
            VenueCommand.Create(terminal),
            BenchCommand.Create(terminal),
            BreakevenCommand.Create(terminal),
            TuneCommand.Create(terminal),
            ReportCommand.Create(terminal),
            TradeCommand.Create(terminal),
            JournalCommand.Create(terminal),
            DashboardCommand.Create(terminal),
            ConfigCommand.Create(terminal, config),
            RerunCommand.Create(terminal, rerun),
        };
        root.Options.Add(config);
        Options.StrictNumbers.Apply(root);
        return (root, config);
    }

    /// <summary>The arguments without the --config file, whose settings they now spell out.</summary>
    private static string[] WithoutConfig(string[] arguments)
    {
        var kept = new List<string>(arguments.Length);
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == "--config")
            {
                i++;
                continue;
            }

            if (!arguments[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                kept.Add(arguments[i]);
            }
        }

        return [.. kept];
    }

    /// <summary>"mm fetch klines" for the command a parse ended in.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? node = result; node is not null; node = node.Parent)
        {
            if (node is System.CommandLine.Parsing.CommandResult command && command.Parent is not null)
            {
                names.Add(command.Command.Name);
            }
        }

        names.Add("mm");
        names.Reverse();
        return string.Join(' ', names);
    }
}
