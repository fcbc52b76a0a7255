namespace MarketMaking.Core.Errors;

/// <summary>
/// The data holds too little to estimate something (a calibration, a fit); the message says what is
/// missing. The data and the options that choose it are the user's input: a usage error (exit code 2).
/// </summary>
public sealed class InsufficientDataException : MarketMakingException
{
    public InsufficientDataException(string problem)
        : base(problem)
    {
    }

    public override int ExitCode => 2;
}
