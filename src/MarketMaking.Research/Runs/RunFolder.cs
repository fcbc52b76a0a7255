using System.Globalization;
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

    /// <summary>The file holding the resolved settings.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>The file holding the results.</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>The self-contained HTML report.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>
    /// What a file a run folder holds says when it is missing: <paramref name="folder"/> is not one. A
    /// file given for the folder is named as such, and a SQLite one (what <c>mm trade</c> journals to)
    /// is pointed to the command that draws it.
    /// </summary>
    public static DataFormatException Missing(string folder, string file) =>
        !File.Exists(folder)
            ? new(Path.Combine(folder, file), 0, "file", $"no such file: {folder} is not a run folder (the commands that run something write one, with --out)")
            : IsSqlite(folder)
                ? new(folder, 0, "file", $"a SQLite file, not a run folder: a trading journal is drawn by mm journal {folder} report, and its sessions' run folders are beside it")
                : new(folder, 0, "file", "a file, not a run folder (the commands that run something write one, with --out)");

    private static bool IsSqlite(string path)
    {
        ReadOnlySpan<byte> header = "SQLite format 3\0"u8;
        Span<byte> start = stackalloc byte[16];
        try
        {
            using FileStream stream = File.OpenRead(path);
            return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every file a run folder holds.</summary>
    private static readonly string[] FileNames = [ConfigFileName, CommandFileName, MetricsFileName, ReportFileName];

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
            WriteAtomically(Path.Combine(folder, ConfigFileName), Json.Serialize(config));
            if (command is not null)
            {
                WriteAtomically(Path.Combine(folder, CommandFileName), Json.Serialize(new { Arguments = command }));
            }

            WriteAtomically(Path.Combine(folder, MetricsFileName), Json.Serialize(metrics));
            WriteAtomically(Path.Combine(folder, ReportFileName), HtmlReportWriter.Render(report));
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(folder, e.Message);
        }
    }

    /// <summary>
    /// Moves a run already in <paramref name="folder"/> (its metrics.json is there) aside to a folder
    /// beside it, <c>FOLDER-yyyyMMdd-HHmmss</c>, stamped with the time its results were written (UTC),
    /// so a new run at the same place never loses the one before. Only the files a run folder holds
    /// move: anything else the user keeps there stays. Returns where the run went; null when there was none.
    /// </summary>
    /// <exception cref="OutputException">The run cannot be moved.</exception>
    public static string? KeepPrevious(string folder)
    {
        string given = Path.TrimEndingDirectorySeparator(folder);
        string full = Path.GetFullPath(given);
        string metrics = Path.Combine(full, MetricsFileName);
        if (!File.Exists(metrics))
        {
            return null;
        }

        string stamp = File.GetLastWriteTimeUtc(metrics).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string kept = $"{full}-{stamp}";
        for (int n = 2; Directory.Exists(kept) || File.Exists(kept); n++)
        {
            kept = $"{full}-{stamp}-{n}";
        }

        try
        {
            Directory.CreateDirectory(kept);
            foreach (string name in FileNames.Where(name => File.Exists(Path.Combine(full, name))))
            {
                File.Move(Path.Combine(full, name), Path.Combine(kept, name));
            }

            // As the user wrote the folder (relative stays relative), with the stamp added.
            return Path.Join(Path.GetDirectoryName(given), Path.GetFileName(kept));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(folder, $"cannot move the run already there aside: {e.Message}");
        }
    }

    private static void WriteAtomically(string path, string content) => OutputFiles.WriteAtomically(path, w => w.Write(content));
}
