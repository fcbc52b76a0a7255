using MarketMaking.Core.Errors;
using MarketMaking.Reporting;

namespace MarketMaking.Cli.Output;

/// <summary>
/// Writes a run folder: the resolved settings (config.json) and the exact command (command.json,
/// config files spelled out) so the run can be repeated exactly (<c>mm rerun</c>),
/// metrics.json and a self-contained report.html. Each file is written to a temporary name and
/// moved into place, so an interrupted run never leaves a half-written file.
/// </summary>
internal static class RunFolder
{
    public static string Write(string folder, object config, object metrics, ReportDocument report)
    {
        try
        {
            Directory.CreateDirectory(folder);
            WriteAtomically(Path.Combine(folder, "config.json"), Json.Serialize(config));
            if (Configuration.CommandLine.Current is { } arguments)
            {
                WriteAtomically(Path.Combine(folder, Commands.RerunCommand.FileName), Json.Serialize(new { Arguments = arguments }));
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

    private static void WriteAtomically(string path, string content)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
