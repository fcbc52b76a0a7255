namespace MarketMaking.Core.Errors;

/// <summary>
/// A trading session cannot start or go on safely (a position that differs from the journal, a
/// venue refusing our credentials, a clock drifting out of the receive window): one line saying
/// what and what to do.
/// </summary>
public sealed class TradingException : MarketMakingException
{
    public TradingException(string message)
        : base(message)
    {
    }

    public TradingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public override int ExitCode => 1;
}
