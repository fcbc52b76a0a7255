using MarketMaking.Core.Errors;
using MarketMaking.Reporting;

namespace MarketMaking.Research.Runs;

/// <summary>
/// Writes a run folder: the resolved settings (config.json), the exact command when a front end
/// gives one (command.json, config files spelled out) so the run can be repeated exactly
/// (<c>mm rerun</c>), metrics.json and a self-contained report.html. Each file is written to a
/// temporary name and moved into place, so an interrupted run never leaves a half-written file.
/// </summary>
public static class RunFolder
{
    /// <summary>The file holding the command that wrote the folder.</summary>
    public const string CommandFileName = "command.json";

    /// <summary>Writes the folder (created if needed) and returns its path.</summary>
    /// <param name="folder">Where to write.</param>
    /// <param name="config">The resolved settings, serialized as JSON.</param>
    /// <param name="metrics">The results, serialized as JSON.</param>
    /// <param name="report">The report, rendered as self-contained HTML.</param>
    /// <param name="command">The command-line arguments that repeat the run; null writes no command.json.</param>
    /// <exception cref="OutputException">A file cannot be written.</exception>
    public static string Write(string folder, object config, object metrics, ReportDocument report, IReadOnlyList<string>? command = null)
    {
        try
        {
            Directory.CreateDirectory(folder);
            WriteAtomically(Path.Combine(folder, "config.json"), Json.Serialize(config));
            if (command is not null)
            {
                WriteAtomically(Path.Combine(folder, CommandFileName), Json.Serialize(new { Arguments = command }));
            }

            WriteAtomically(Path.Combine(folder, "metrics.json"), Json.Serialize(metrics));
            WriteAtomically(Path.Combine(folder, "report.html"), HtmlReportWriter.Render(report));
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(folder, e.Message);
        }
    }

    private static void WriteAtomically(string path, string content) => OutputFiles.WriteAtomically(path, w => w.Write(content));
}
