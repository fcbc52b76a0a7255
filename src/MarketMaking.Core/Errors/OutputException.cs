namespace MarketMaking.Core.Errors;

/// <summary>A result could not be written where the user asked (missing permission, full disk).</summary>
public sealed class OutputException : MarketMakingException
{
    public OutputException(string path, string problem)
        : base($"cannot write {path}: {problem}")
    {
    }

    public override int ExitCode => 1;
}
