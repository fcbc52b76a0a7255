namespace MarketMaking.Core.Errors;

/// <summary>The data holds too little to estimate something (a calibration, a fit); the message says what is missing.</summary>
public sealed class InsufficientDataException : MarketMakingException
{
    public InsufficientDataException(string problem)
        : base(problem)
    {
    }

    public override int ExitCode => 1;
}
