namespace MarketMaking.Core.Errors;

/// <summary>
/// A bad row in a data file: names the file, the line and the field, so the user can find it. The
/// file is the user's input, so this is a usage error (exit code 2).
/// </summary>
public sealed class DataFormatException : MarketMakingException
{
    public DataFormatException(string file, long line, string field, string problem)
        : base($"{file}:{line}: {field}: {problem}")
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
}
