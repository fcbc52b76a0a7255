namespace MarketMaking.Core.Errors;

/// <summary>
/// A bad row in a data file: names the file, the line and the field, so the user can find it. The
/// file is the user's input, so this is a usage error (exit code 2).
/// </summary>
public sealed class DataFormatException : MarketMakingException
{
    /// <param name="line">The line (from 1), or 0 for a problem of the whole file, which names no line.</param>
    public DataFormatException(string file, long line, string field, string problem)
        : base(line > 0 ? $"{file}:{line}: {field}: {problem}" : $"{file}: {field}: {problem}")
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    public long Line { get; }

    public string Field { get; }

    public string Problem { get; }

    public override int ExitCode => 2;

    /// <summary>A file that cannot be opened: "no such file" when it is missing, else the system's reason.</summary>
    public static DataFormatException Unreadable(string file, Exception e) =>
        new(file, 0, "file", e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read: {e.Message}");
}
