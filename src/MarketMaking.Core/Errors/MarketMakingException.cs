namespace MarketMaking.Core.Errors;

/// <summary>
/// Base of every error the user is told about in one line: their input (options, config, data
/// files), or a failure while running (an unwritable output, an exchange that does not answer). The
/// CLI prints the message and exits with <see cref="ExitCode"/>, never a stack trace.
/// </summary>
public abstract class MarketMakingException : Exception
{
    protected MarketMakingException(string message) : base(message) { }

    protected MarketMakingException(string message, Exception inner) : base(message, inner) { }

    /// <summary>2 when the user's input is at fault (an option, a config, a data or model file), 1 for a failure that is not.</summary>
    public abstract int ExitCode { get; }
}
