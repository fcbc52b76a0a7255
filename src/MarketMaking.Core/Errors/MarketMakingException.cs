namespace MarketMaking.Core.Errors;

/// <summary>
/// Base of every error caused by the user's input (options, config, data). The CLI prints the
/// one-line message and exits with <see cref="ExitCode"/>, never a stack trace.
/// </summary>
public abstract class MarketMakingException : Exception
{
    protected MarketMakingException(string message) : base(message) { }

    protected MarketMakingException(string message, Exception inner) : base(message, inner) { }

    /// <summary>2 for usage and configuration errors, 1 for failures while running.</summary>
    public abstract int ExitCode { get; }
}
