using System.CommandLine;
using System.Text.Json;
using MarketMaking.Core.Errors;
using MarketMaking.Research.Runs;

namespace MarketMaking.Cli.Commands;

/// <summary><c>mm rerun runs/NAME</c>: runs again the exact command that wrote a run folder (its command.json).</summary>
internal static class RerunCommand
{
    /// <param name="run">Runs a command line (the recorded one) with output flags added that the new run folder does not record.</param>
    public static Command Create(Terminal terminal, Func<string[], string[], int> run)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        var folder = new Argument<string>("folder") { Description = "a run folder written by simulate, backtest, …" };
        var json = new Option<bool>("--json") { Description = "run the command with --json (its JSON alone is printed; the new run folder records the command without it)" };
        var command = new Command("rerun", "Repeat the run that wrote a run folder, with the same settings and seed (paths as recorded: absolute).") { folder, json };
        command.SetAction(parse =>
        {
            string runFolder = parse.GetValue(folder)!;
            string path = Path.Combine(runFolder, RunFolder.CommandFileName);
            string[] arguments;
            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
                arguments = [.. document.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString() ?? string.Empty)];
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // A run folder written through the library (not by mm) has results but no command to repeat.
                throw File.Exists(Path.Combine(runFolder, RunFolder.MetricsFileName))
                    ? new DataFormatException(path, 0, "file", $"no such file: the run in {runFolder} was not written by an mm command, so there is none to repeat")
                    : RunFolder.Missing(runFolder, RunFolder.CommandFileName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw DataFormatException.Unreadable(path, e);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new DataFormatException(path, 0, "arguments", "not a command record written by mm");
            }

            // --json is how this rerun prints, not part of the run: its folder records the command as it was.
            if (parse.GetValue(json))
            {
                return run(arguments, arguments.Contains("--json") ? [] : ["--json"]);
            }

            terminal.Writer.WriteLine($"mm {string.Join(' ', arguments)}");
            return run(arguments, []);
        });
        return command;
    }
}
