using System.CommandLine;
using MarketMaking.Cli.Commands;
using MarketMaking.Core.Errors;

namespace MarketMaking.Cli;

/// <summary>
/// The <c>mm</c> tool. Parses first and reports a usage error as one line with exit code 2; a
/// user's bad value (<see cref="MarketMakingException"/>) is one line too, never a stack trace.
/// </summary>
public static class MmApplication
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var terminal = new Terminal(output);
        var root = new RootCommand("mm — market-making toolkit: quoting models, simulated and recorded markets, metrics and reports.")
        {
            DemoCommand.Create(terminal),
            SimulateCommand.Create(terminal),
            QuotesCommand.Create(terminal),
            CalibrateCommand.Create(terminal),
            BenchCommand.Create(terminal),
        };

        ParseResult parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            string command = string.Join(' ', parse.CommandResult.Command.Name == root.Name ? "mm" : $"mm {parse.CommandResult.Command.Name}");
            error.WriteLine($"error: {parse.Errors[0].Message} (see '{command} --help')");
            return 2;
        }

        try
        {
            return parse.Invoke(configuration);
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
}
